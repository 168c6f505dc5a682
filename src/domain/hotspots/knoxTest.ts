import { seededRandom, shuffle } from './seededRandom.ts';

export interface SpaceTimeEvent {
  x: number;
  y: number;
  /** Time in days (any consistent unit). */
  t: number;
}

export interface KnoxCell {
  /** Inclusive distance band [from, to] in metres ('from' exclusive except for the first band). */
  space: readonly [number, number];
  time: readonly [number, number];
  observed: number;
  meanSimulated: number;
  /** observed / mean simulated; null when no simulation found a pair (0/0). */
  ratio: number | null;
  /** (#simulations ≥ observed + 1) / (simulations + 1). */
  p: number;
}

export interface KnoxResult {
  permutations: number;
  seed: number;
  cells: KnoxCell[];
}

/**
 * Knox near-repeat test: counts pairs of events close in both space and time,
 * per space band × time band; event times are permuted among the events
 * (places fixed) `permutations` times with a seeded PRNG.
 * Bands are given by their upper limits, e.g. space [100, 200], time [7, 14].
 */
export function knoxTest(
  events: readonly SpaceTimeEvent[],
  spaceBands: readonly number[],
  timeBands: readonly number[],
  options: { permutations?: number; seed?: number } = {},
): KnoxResult {
  const permutations = options.permutations ?? 999;
  const seed = options.seed ?? 1;
  checkBands(spaceBands, 'space');
  checkBands(timeBands, 'time');
  const maxSpace = spaceBands[spaceBands.length - 1] as number;
  // Only pairs close in space can ever count; find them once.
  const pairs: { a: number; b: number; band: number }[] = [];
  for (let a = 0; a < events.length; a++) {
    for (let b = a + 1; b < events.length; b++) {
      const ea = events[a] as SpaceTimeEvent;
      const eb = events[b] as SpaceTimeEvent;
      const d = Math.hypot(ea.x - eb.x, ea.y - eb.y);
      if (d <= maxSpace) pairs.push({ a, b, band: bandOf(d, spaceBands) });
    }
  }
  const S = spaceBands.length;
  const T = timeBands.length;
  const count = (times: readonly number[]) => {
    const table = new Array<number>(S * T).fill(0);
    for (const pair of pairs) {
      const tb = bandOf(Math.abs((times[pair.a] as number) - (times[pair.b] as number)), timeBands);
      if (tb >= 0) table[pair.band * T + tb] = (table[pair.band * T + tb] as number) + 1;
    }
    return table;
  };
  const observed = count(events.map((e) => e.t));
  const sums = new Array<number>(S * T).fill(0);
  const atLeast = new Array<number>(S * T).fill(0);
  const random = seededRandom(seed);
  const times = events.map((e) => e.t);
  for (let k = 0; k < permutations; k++) {
    const simulated = count(shuffle(times, random));
    simulated.forEach((v, i) => {
      sums[i] = (sums[i] as number) + v;
      if (v >= (observed[i] as number)) atLeast[i] = (atLeast[i] as number) + 1;
    });
  }
  const cells: KnoxCell[] = [];
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      const mean = (sums[i] as number) / permutations;
      cells.push({
        space: [s === 0 ? 0 : (spaceBands[s - 1] as number), spaceBands[s] as number],
        time: [t === 0 ? 0 : (timeBands[t - 1] as number), timeBands[t] as number],
        observed: observed[i] as number,
        meanSimulated: mean,
        ratio: mean === 0 ? null : (observed[i] as number) / mean,
        p: ((atLeast[i] as number) + 1) / (permutations + 1),
      });
    }
  }
  return { permutations, seed, cells };
}

/** Index of the band containing value: band k holds (limit[k−1], limit[k]], band 0 holds [0, limit[0]]; −1 beyond the last. */
function bandOf(value: number, limits: readonly number[]): number {
  for (let k = 0; k < limits.length; k++) if (value <= (limits[k] as number)) return k;
  return -1;
}

function checkBands(limits: readonly number[], name: string): void {
  if (limits.length === 0) throw new RangeError(`${name} bands need at least one upper limit`);
  limits.forEach((l, i) => {
    if (!(l > 0) || (i > 0 && !(l > (limits[i - 1] as number))))
      throw new RangeError(`${name} band limits must be positive and increasing, got ${limits.join(', ')}`);
  });
}
