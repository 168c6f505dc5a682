/**
 * A small least-recently-used cache for figures, charts and rendered pages.
 * Keys always carry the data version (see dataVersion.ts) and the reader's
 * access scope, so an import, an undo or a different reader can never be
 * served a stale or wider answer. Bounded by entries and, when a weigh
 * function is given (e.g. bytes of a rendered page), by total weight.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private readonly inFlight = new Map<string, Promise<V>>();
  private totalWeight = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly limit: { weigh: (value: V) => number; maxWeight: number } | null = null,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.remove(key);
    const weight = this.limit ? this.limit.weigh(value) : 0;
    // Something heavier than the whole cache is not kept: it would evict everything and then itself.
    if (this.limit && weight > this.limit.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.entries.size > this.maxEntries || (this.limit && this.totalWeight > this.limit.maxWeight)) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
    }
  }

  /** Computes once per key; concurrent callers share the same promise, failures are not cached. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const inFlight = this.inFlight.get(key);
    if (inFlight) return inFlight;
    const promise = compute()
      .then((value) => {
        this.set(key, value);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Total weight held (0 without a weigh function). */
  get weight(): number {
    return this.totalWeight;
  }
}
