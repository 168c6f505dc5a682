import { chiSquareQuantile } from './chiSquare.ts';
import { DEFAULT_CONFIDENCE, zForConfidence, type ConfidenceLevel } from './confidence.ts';

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
  zForConfidence(level); // validates the level
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2;
  return { lower, upper, method: 'exact Poisson' };
}

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
