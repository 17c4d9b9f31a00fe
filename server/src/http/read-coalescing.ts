/** Resolves on the event loop's next turn, after the I/O (new requests) that is waiting now. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Pending {
  promise: Promise<unknown>;
  /** The data version the computation started on; undefined until it starts. */
  version?: string;
}

/**
 * Identical reads in flight share one computation: a read starts on the event loop's next turn, so
 * the same request arriving meanwhile (several viewers of one chart, a client retrying, one page's
 * charts asked for twice) joins it and gets the same answer. "Identical" is the endpoint, the body
 * and who asks (the Authorization header). A computation that started before a write (one computed
 * in slices can be) is not joined after it, so a client always sees its own writes. Entries last
 * only while in flight: at most one per request the server holds, which load shedding bounds
 * (load-shedding.ts).
 */
export class ReadCoalescer {
  private readonly pending = new Map<string, Pending>();
  /** Reads computed (not joined) since start; tests count them. */
  computations = 0;

  /** `dataVersion` changes whenever the data may have changed (Repositories.dataVersion). */
  constructor(private readonly dataVersion: () => string) {}

  run<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
    const joined = this.pending.get(key);
    if (joined && (joined.version === undefined || joined.version === this.dataVersion())) return joined.promise as Promise<T>;
    const entry: Pending = { promise: Promise.resolve() };
    const started = (async () => {
      await nextTurn();
      entry.version = this.dataVersion();
      this.computations++;
      return compute();
    })();
    entry.promise = started.finally(() => {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    });
    this.pending.set(key, entry);
    return entry.promise as Promise<T>;
  }

  /** Reads in flight now. */
  get size(): number {
    return this.pending.size;
  }
}

/** The key of a read: endpoint, who asks, and the body as validated (kept only while in flight). */
export function readKey(endpoint: string, identity: string, body: unknown): string {
  return `${endpoint}\0${identity}\0${JSON.stringify(body) ?? ''}`;
}

/**
 * Slices of about `sliceMs` of work: `due()`, called between steps, says when to `yield()` (await
 * the next turn) so other requests are answered between slices.
 */
export class TimeSlice {
  private start = performance.now();
  constructor(private readonly sliceMs = 10) {}

  due(): boolean {
    return performance.now() - this.start >= this.sliceMs;
  }

  async yield(): Promise<void> {
    await nextTurn();
    this.start = performance.now();
  }
}
