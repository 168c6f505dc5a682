import { chiSquareQuantile } from './chiSquare.ts';
import { assertConfidence, DEFAULT_CONFIDENCE, zForConfidence, type ConfidenceLevel } from './confidence.ts';

/** Limits for an observed count (not yet divided by a population). */
export interface CountLimits {
  lower: number;
  upper: number;
  method: 'exact Poisson' | 'Byar';
}

function assertCount(count: number): void {
  if (!(count >= 0) || !Number.isFinite(count))
    throw new RangeError(`count must be a non-negative number, got ${count}`);
}

/**
 * Exact Poisson limits: L = χ²(α/2; 2x)/2, U = χ²(1 − α/2; 2x + 2)/2.
 * At x = 0 the lower limit is 0 (χ² with 0 degrees of freedom is a point mass at 0).
 * Non-integer x is allowed: funnel plots use the expected count.
 */
export function exactPoissonLimits(count: number, level: ConfidenceLevel = DEFAULT_CONFIDENCE): CountLimits {
  assertCount(count);
  assertConfidence(level);
  let byCount = remembered.get(level);
  if (byCount === undefined) {
    byCount = new Map();
    remembered.set(level, byCount);
  }
  let limits = byCount.get(count);
  if (limits === undefined) {
    limits = computeExactPoissonLimits(count, level);
    byCount.set(count, limits);
    if (++rememberedSize > POISSON_MEMO_ENTRIES) forgetOldest();
  } else {
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    byCount.delete(count);
    byCount.set(count, limits);
  }
  return { lower: limits.lower, upper: limits.upper, method: 'exact Poisson' };
}

/** The limits computed afresh (no memo): what exactPoissonLimits returns, bit for bit. */
export function computeExactPoissonLimits(count: number, level: ConfidenceLevel): { lower: number; upper: number } {
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2;
  return { lower, upper };
}

/*
 * Exact limits cost two gamma quantiles, each iterating the incomplete gamma function; at a borough's expected count
 * (thousands) that is thousands of series terms. Issue 16's miss mix drew the same funnel (61 curve points and 33
 * boroughs, at two levels, around the same London rate) on every borough's places page and the same small LSOA
 * counts' limits on every choropleth, and gamma.ts led every CPU profile. The limits depend on (count, level) alone,
 * so they are remembered, bounded; a pure function's answer, so nothing can go stale. A funnel needs 188 (94 counts,
 * two levels): the bound holds about 260 funnels (the miss mix draws 16 periods × 13 definitions and categories),
 * some 5 MB.
 */
export const POISSON_MEMO_ENTRIES = 50_000;
const remembered = new Map<number, Map<number, { lower: number; upper: number }>>();
let rememberedSize = 0;

/** Drops the least recently used entry of the level holding the most (levels are few: 0.95 and 0.998 in practice). */
function forgetOldest(): void {
  let largest: Map<number, unknown> | undefined;
  for (const byCount of remembered.values()) if (!largest || byCount.size > largest.size) largest = byCount;
  const oldest = largest?.keys().next();
  if (largest && oldest && !oldest.done) {
    largest.delete(oldest.value);
    rememberedSize--;
  }
}

/** How many limits are remembered (for tests of the bound). */
export const rememberedPoissonLimits = () => rememberedSize;

/** Byar's approximation: L = x(1 − 1/(9x) − z/(3√x))³, U = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³. */
export function byarLimits(count: number, level: ConfidenceLevel = DEFAULT_CONFIDENCE): CountLimits {
  assertCount(count);
  if (count === 0) throw new RangeError('Byar limits need a count above 0; use exact Poisson limits for 0');
  const z = zForConfidence(level);
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const x1 = count + 1;
  const upper = x1 * (1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1))) ** 3;
  return { lower, upper, method: 'Byar' };
}

/** The Fingertips rule: exact Poisson below 10 events, Byar from 10. */
export function countLimits(count: number, level: ConfidenceLevel = DEFAULT_CONFIDENCE): CountLimits {
  return count < 10 ? exactPoissonLimits(count, level) : byarLimits(count, level);
}
