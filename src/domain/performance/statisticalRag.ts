import { compareWithBenchmark } from '../stats/benchmark.ts';
import { DEFAULT_CONFIDENCE } from '../stats/confidence.ts';
import { countLimits } from '../stats/poissonLimits.ts';
import { wilsonInterval } from '../stats/wilson.ts';
import type { IndicatorPolarity } from './indicatorRag.ts';

/*
 * Statistical RAG: is this period's value significantly different from the comparison period's? The Fingertips
 * rule the engine already uses for benchmarks (methods.md): "no significant difference" when the comparison value
 * lies inside this value's 95% interval, else significantly better or worse by polarity. The interval comes from
 * what the value is made of: a count (exact Poisson below 10, Byar from 10), a rate (its count over its
 * population), a percentage (Wilson, from its numerator and denominator). A value with nothing to build an
 * interval from is "not tested", and says why, rather than being given a colour.
 */

export type IndicatorUnitKind = 'count' | 'rate' | 'percentage';

export interface ValueParts {
  value: number;
  /** The count behind a rate or the numerator of a percentage. */
  numerator: number | null;
  /** The population of a rate or the denominator of a percentage. */
  denominator: number | null;
}

export type StatisticalRag =
  | {
      state: 'significantly better' | 'significantly worse' | 'no significant difference';
      comparedWith: string;
      interval: { lower: number; upper: number };
      method: string;
    }
  | { state: 'significantly higher' | 'significantly lower'; comparedWith: string; method: string; note: string }
  | { state: 'not tested' | 'not comparable' | 'no comparison'; says: string };

/** The value's 95% interval, or a reason there is none. */
export function valueInterval(
  unit: { kind: IndicatorUnitKind; per?: number },
  v: ValueParts,
): { lower: number; upper: number; method: string } | { reason: string } {
  if (unit.kind === 'count') {
    if (!Number.isInteger(v.value) || v.value < 0) return { reason: 'the count is not a whole number' };
    const l = countLimits(v.value, DEFAULT_CONFIDENCE);
    return { lower: l.lower, upper: l.upper, method: `${l.method} 95% limits of the count` };
  }
  if (v.numerator === null || v.denominator === null || !(v.denominator > 0))
    return { reason: `no ${unit.kind === 'rate' ? 'count and population' : 'numerator and denominator'} were given` };
  if (unit.kind === 'rate') {
    const per = unit.per ?? 1000;
    const l = countLimits(v.numerator, DEFAULT_CONFIDENCE);
    const scale = per / v.denominator;
    return { lower: l.lower * scale, upper: l.upper * scale, method: `${l.method} 95% limits of the rate` };
  }
  if (v.numerator > v.denominator) return { reason: 'the numerator is above the denominator' };
  const w = wilsonInterval(v.numerator, v.denominator, DEFAULT_CONFIDENCE);
  return { lower: w.lower * 100, upper: w.upper * 100, method: 'Wilson 95% limits of the percentage' };
}

export function statisticalRag(
  unit: { kind: IndicatorUnitKind; per?: number },
  polarity: IndicatorPolarity,
  current: ValueParts,
  comparison: (ValueParts & { label: string; comparable: boolean }) | null,
): StatisticalRag {
  if (comparison === null) return { state: 'no comparison', says: 'no earlier value to compare with' };
  if (!comparison.comparable)
    return { state: 'not comparable', says: `${comparison.label} was counted under another definition` };
  const interval = valueInterval(unit, current);
  if ('reason' in interval) return { state: 'not tested', says: interval.reason };
  const p =
    polarity === 'higher-is-better'
      ? 'higher is better'
      : polarity === 'lower-is-better'
        ? 'lower is better'
        : 'no polarity';
  const c = compareWithBenchmark(
    { value: current.value, lower95: interval.lower, upper95: interval.upper },
    comparison.value,
    p,
    comparison.label,
  );
  const { direction, rating } = c.at95;
  if (rating === 'not compared') {
    if (direction === 'similar')
      return { state: 'no significant difference', comparedWith: comparison.label, interval, method: interval.method };
    return {
      state: direction === 'higher' ? 'significantly higher' : 'significantly lower',
      comparedWith: comparison.label,
      method: interval.method,
      note: 'neither higher nor lower is better for this indicator',
    };
  }
  const state =
    rating === 'better'
      ? 'significantly better'
      : rating === 'worse'
        ? 'significantly worse'
        : 'no significant difference';
  return { state, comparedWith: comparison.label, interval, method: interval.method };
}
