import { DEFAULT_CONFIDENCE, formatConfidence, zForConfidence, type ConfidenceLevel } from './confidence.ts';

export interface GroupCount {
  count: number;
  population: number;
}

export type RateRatio =
  | { ok: true; ratio: number; lower: number; upper: number; method: 'log-scale normal'; confidence: string }
  | { ok: false; ratio: number | null; reason: string };

/**
 * Rate ratio (e.g. disproportionality: one group's rate over the rest's) with
 * limits on the log scale: exp(ln RR ± z √(1/a + 1/b)). A zero count leaves
 * the log undefined, so the ratio is reported as not estimable, never as 0 or ∞.
 */
export function rateRatio(
  group: GroupCount,
  comparison: GroupCount,
  level: ConfidenceLevel = DEFAULT_CONFIDENCE,
): RateRatio {
  for (const g of [group, comparison]) {
    if (!(g.population > 0)) throw new RangeError(`population must be above 0, got ${g.population}`);
    if (!(g.count >= 0)) throw new RangeError(`count must be 0 or more, got ${g.count}`);
  }
  if (comparison.count === 0)
    return { ok: false, ratio: null, reason: 'the comparison group has no events, so the ratio is undefined' };
  const ratio = group.count / group.population / (comparison.count / comparison.population);
  if (group.count === 0)
    return { ok: false, ratio, reason: 'the group has no events, so log-scale limits cannot be calculated' };
  const z = zForConfidence(level);
  const se = Math.sqrt(1 / group.count + 1 / comparison.count);
  return {
    ok: true,
    ratio,
    lower: Math.exp(Math.log(ratio) - z * se),
    upper: Math.exp(Math.log(ratio) + z * se),
    method: 'log-scale normal',
    confidence: formatConfidence(level),
  };
}
