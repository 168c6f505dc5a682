import { exactPoissonLimits } from './poissonLimits.ts';
import { wilsonInterval } from './wilson.ts';

export interface FunnelLimits {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Funnel limits for a rate: exact Poisson limits around the expected count
 * E = benchmark rate × population (E need not be whole), divided back by the
 * population. `benchmarkRate` is per `multiplier` people.
 */
export function rateFunnelLimits(benchmarkRate: number, population: number, multiplier = 1000): FunnelLimits {
  if (!(population > 0)) throw new RangeError(`population must be above 0, got ${population}`);
  if (!(benchmarkRate >= 0)) throw new RangeError(`benchmark rate must be 0 or more, got ${benchmarkRate}`);
  const expected = (benchmarkRate / multiplier) * population;
  const scale = multiplier / population;
  const l95 = exactPoissonLimits(expected, 0.95);
  const l998 = exactPoissonLimits(expected, 0.998);
  return {
    denominator: population,
    lower95: l95.lower * scale,
    upper95: l95.upper * scale,
    lower998: l998.lower * scale,
    upper998: l998.upper * scale,
  };
}

/** Funnel limits for a proportion: Wilson limits around the benchmark proportion at denominator n. */
export function proportionFunnelLimits(benchmarkProportion: number, denominator: number): FunnelLimits {
  if (!(benchmarkProportion >= 0 && benchmarkProportion <= 1))
    throw new RangeError(`benchmark proportion must be between 0 and 1, got ${benchmarkProportion}`);
  const expected = benchmarkProportion * denominator;
  const w95 = wilsonInterval(expected, denominator, 0.95);
  const w998 = wilsonInterval(expected, denominator, 0.998);
  return { denominator, lower95: w95.lower, upper95: w95.upper, lower998: w998.lower, upper998: w998.upper };
}
