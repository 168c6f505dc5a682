import type { Polarity } from './polarity.ts';

/** An area's value with its 95% and (optionally) 99.8% limits. */
export interface IntervalValue {
  value: number;
  lower95: number;
  upper95: number;
  lower998?: number;
  upper998?: number;
}

export type BenchmarkDirection = 'similar' | 'higher' | 'lower';
export type BenchmarkRating = 'better' | 'similar' | 'worse' | 'not compared';

export interface TierComparison {
  direction: BenchmarkDirection;
  rating: BenchmarkRating;
}

/** Benchmark RAG (Fingertips): statistical comparison with another area. Never mixed with target RAG. */
export interface BenchmarkComparison {
  scheme: 'benchmark';
  benchmarkLabel: string;
  benchmarkValue: number;
  at95: TierComparison;
  /** Present when 99.8% limits were supplied. */
  at998?: TierComparison;
  note?: string;
}

/**
 * The Fingertips rule: "similar" when the benchmark lies inside the area's
 * interval (inclusive), otherwise "higher" or "lower"; better/worse follow the
 * indicator's polarity, and an indicator with no polarity is "not compared"
 * (its direction is still reported).
 */
export function compareWithBenchmark(
  area: IntervalValue,
  benchmarkValue: number,
  polarity: Polarity,
  benchmarkLabel: string,
): BenchmarkComparison {
  const tier = (lower: number, upper: number): TierComparison => {
    if (lower > upper) throw new RangeError(`lower limit ${lower} is above upper limit ${upper}`);
    const direction: BenchmarkDirection =
      benchmarkValue < lower ? 'higher' : benchmarkValue > upper ? 'lower' : 'similar';
    return { direction, rating: rate(direction, polarity) };
  };
  const result: BenchmarkComparison = {
    scheme: 'benchmark',
    benchmarkLabel,
    benchmarkValue,
    at95: tier(area.lower95, area.upper95),
  };
  if (area.lower998 !== undefined && area.upper998 !== undefined) result.at998 = tier(area.lower998, area.upper998);
  if (polarity === 'no polarity')
    result.note = 'this indicator has no polarity: higher or lower is not rated better or worse';
  return result;
}

function rate(direction: BenchmarkDirection, polarity: Polarity): BenchmarkRating {
  if (polarity === 'no polarity') return 'not compared';
  if (direction === 'similar') return 'similar';
  const higherIsBetter = polarity === 'higher is better';
  return (direction === 'higher') === higherIsBetter ? 'better' : 'worse';
}
