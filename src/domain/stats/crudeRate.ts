import { DEFAULT_CONFIDENCE, formatConfidence, type ConfidenceLevel } from './confidence.ts';
import { countLimits } from './poissonLimits.ts';

/** Per 1,000 for crime, per 100,000 for hospital admissions. */
export type RateMultiplier = 1000 | 100_000 | number;

/** A rate with its limits and how they were made: every figure Safer shows carries its method. */
export interface RateEstimate {
  count: number;
  denominator: number;
  multiplier: number;
  value: number;
  lower: number;
  upper: number;
  method: 'exact Poisson' | 'Byar';
  confidence: string;
}

export interface RateOptions {
  multiplier?: RateMultiplier;
  confidence?: ConfidenceLevel;
}

/** Crude rate = count / population × multiplier, with exact Poisson (count < 10) or Byar (≥ 10) limits. */
export function crudeRate(count: number, population: number, options: RateOptions = {}): RateEstimate {
  const multiplier = options.multiplier ?? 1000;
  const level = options.confidence ?? DEFAULT_CONFIDENCE;
  if (!(population > 0) || !Number.isFinite(population))
    throw new RangeError(`population must be above 0, got ${population}`);
  if (!(multiplier > 0)) throw new RangeError(`multiplier must be above 0, got ${multiplier}`);
  const limits = countLimits(count, level);
  const scale = multiplier / population;
  return {
    count,
    denominator: population,
    multiplier,
    value: count * scale,
    lower: limits.lower * scale,
    upper: limits.upper * scale,
    method: limits.method,
    confidence: formatConfidence(level),
  };
}
