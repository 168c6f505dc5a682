/**
 * A small least-recently-used cache for rendered figures and charts. Keys
 * always carry the data version (see dataVersion.ts) and the reader's access
 * scope, so an import, an undo or a different reader can never be served a
 * stale or wider answer.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, V>();  constructor(private readonly maxEntries = 2000) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Computes once per key; concurrent callers share the same promise, failures are not cached. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const inFlight = this.inFlight.get(key);
    if (inFlight) return inFlight;
    const promise = compute().then((value) => { this.set(key, value); return value; }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private readonly inFlight = new Map<string, Promise<V>>();

  get size(): number {
    return this.entries.size;
  }
}
