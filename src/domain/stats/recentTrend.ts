import { zForConfidence } from './confidence.ts';
import type { Polarity } from './polarity.ts';

export interface TrendPoint {
  value: number;
  /** Standard error of the value; see standardErrorFromLimits. */
  standardError: number;
}

/** χ²(1) at 99.8%: (slope/SE)² above this is a significant trend. */
export const TREND_CRITICAL_VALUE = 9.5495;
const POINTS = 5;

export type RecentTrend =
  | {
      calculated: true;
      slope: number;
      slopeStandardError: number;
      statistic: number;
      direction: 'increasing' | 'decreasing' | 'no significant change';
      assessment: 'getting better' | 'getting worse' | 'no significant change' | 'not rated';
    }
  | { calculated: false; reason: string };

/** SE recovered from a symmetric-enough interval: (upper − lower) / (2z). */
export function standardErrorFromLimits(lower: number, upper: number, level = 0.95): number {
  return (upper - lower) / (2 * zForConfidence(level));
}

/**
 * Recent trend over the last 5 points: weighted least squares of value on
 * time (1…5) with weights 1/SE²; slope SE = 1/√Σw(t − t̄)²; significant when
 * (slope/SE)² > 9.5495.
 */
export function recentTrend(points: readonly TrendPoint[], polarity: Polarity): RecentTrend {
  if (points.length < POINTS)
    return { calculated: false, reason: `a recent trend needs ${POINTS} points; ${points.length} available` };
  const last = points.slice(-POINTS);
  if (last.some((p) => !(p.standardError > 0) || !Number.isFinite(p.value))) {
    return { calculated: false, reason: 'every one of the last 5 points needs a value and a standard error above 0' };
  }
  const weights = last.map((p) => 1 / p.standardError ** 2);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const tMean = weights.reduce((s, w, i) => s + w * (i + 1), 0) / totalWeight;
  const yMean = weights.reduce((s, w, i) => s + w * (last[i] as TrendPoint).value, 0) / totalWeight;
  let sxx = 0;
  let sxy = 0;
  weights.forEach((w, i) => {
    const dt = i + 1 - tMean;
    sxx += w * dt * dt;
    sxy += w * dt * ((last[i] as TrendPoint).value - yMean);
  });
  const slope = sxy / sxx;
  const slopeStandardError = 1 / Math.sqrt(sxx);
  const statistic = (slope / slopeStandardError) ** 2;
  const significant = statistic > TREND_CRITICAL_VALUE;
  const direction = !significant ? 'no significant change' : slope > 0 ? 'increasing' : 'decreasing';
  const assessment =
    direction === 'no significant change'
      ? 'no significant change'
      : polarity === 'no polarity'
        ? 'not rated'
        : (direction === 'increasing') === (polarity === 'higher is better')
          ? 'getting better'
          : 'getting worse';
  return { calculated: true, slope, slopeStandardError, statistic, direction, assessment };
}
