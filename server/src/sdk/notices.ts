/**
 * Tells the operator, once per kind, about something a client sent that the server accepts but
 * does not keep (a field, an event type, an endpoint). A training run logs the same thing
 * thousands of times; one line per kind is enough to know it is not stored.
 */
export interface Notices {
  once(kind: string, message: string): void;
  /** The kinds noticed so far, in order. */
  readonly seen: readonly string[];
}

export function createNotices(write: (line: string) => void): Notices {
  const seen: string[] = [];
  const known = new Set<string>();
  return {
    once(kind, message) {
      if (known.has(kind)) return;
      known.add(kind);
      seen.push(kind);
      write(`Not stored: ${message}`);
    },
    seen,
  };
}

/** The keys of `body` outside `kept`, sorted. */
export function unkeptFields(body: Record<string, unknown>, kept: ReadonlySet<string>): string[] {
  return Object.keys(body)
    .filter((key) => !kept.has(key) && body[key] !== undefined)
    .sort();
}
