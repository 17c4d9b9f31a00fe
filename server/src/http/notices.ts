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

/** Distinct kinds told before the rest are summed up in one last line (a client can invent field names). */
export const MAX_NOTICE_KINDS = 100;

/** Text from a request as one short log line: control characters replaced, at most `max` characters. */
export function loggable(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

export function createNotices(write: (line: string) => void): Notices {
  const seen: string[] = [];
  const known = new Set<string>();
  let capped = false;
  return {
    once(kind, message) {
      if (known.has(kind) || capped) return;
      if (known.size >= MAX_NOTICE_KINDS) {
        capped = true;
        write(`Not stored: more than ${MAX_NOTICE_KINDS} kinds of data were accepted and ignored; no further ones are listed`);
        return;
      }
      known.add(kind);
      seen.push(kind);
      write(`Not stored: ${loggable(message)}`);
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
