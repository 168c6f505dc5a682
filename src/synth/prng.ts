/**
 * A small seeded pseudo-random generator (mulberry32, seeded through
 * splitmix32), so a synthetic extract is the same bytes for the same seed on
 * any machine. Not for anything secret.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    // splitmix32 spreads nearby seeds (1, 2, 3 …) into unrelated states.
    let z = (seed + 0x9e3779b9) | 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    this.state = (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Draws items in proportion to their weights; build once, draw many times. */
export class Weighted<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];

  constructor(entries: Iterable<readonly [T, number]>) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    if (this.items.length === 0) throw new Error('a weighted table needs at least one positive weight');
  }

  static of<K extends string>(weights: Readonly<Partial<Record<K, number>>>): Weighted<K> {
    return new Weighted(Object.entries(weights) as [K, number][]);
  }

  draw(rng: Prng): T {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
