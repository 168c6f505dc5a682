import { gammaQuantile } from './gamma.ts';

/** The p-quantile of the chi-square distribution with df degrees of freedom (R's qchisq(p, df)). */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square needs df > 0, got ${df}`);
  return 2 * gammaQuantile(p, df / 2);
}
