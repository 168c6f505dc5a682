import { describe, expect, it } from 'vitest';
import { chiSquareQuantile } from './chiSquare.ts';
import { zForConfidence } from './confidence.ts';
import { gammaQuantile, logGamma, regularizedGammaP } from './gamma.ts';
import { normalCdf, normalQuantile } from './normal.ts';

// Expected values from scipy 1.17 (stats.norm.ppf / cdf, stats.chi2.ppf), computed independently of this code.
describe('normal distribution', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [0.3, -0.5244005127080409],
    [1e-10, -6.361340902404056],
  ])('quantile(%s) = %s', (p, z) => expect(normalQuantile(p)).toBeCloseTo(z, 12));

  it.each([
    [-1.5, 0.06680720126885807],
    [3.2, 0.9993128620620841],
    [-8, 6.22096057427174e-16],
  ])('cdf(%s) = %s', (z, p) => expect(normalCdf(z) / p).toBeCloseTo(1, 10));

  it('z for 95% and 99.8%', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.998)).toBeCloseTo(3.090232, 6);
  });

  it('refuses impossible levels and probabilities', () => {
    expect(() => zForConfidence(95)).toThrow('confidence level must be between 0 and 1 (e.g. 0.95), got 95');
    expect(() => normalQuantile(1.2)).toThrow('probability must be between 0 and 1, got 1.2');
  });
});

describe('gamma and chi-square', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('P(1, x) = 1 − e^−x', () => {
    for (const x of [0.1, 1, 5, 20]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
  });

  it.each([
    [0.025, 2, 0.05063561596857975],
    [0.975, 22, 36.78071208403556],
    [0.001, 8, 0.857104827256846],
    [0.999, 10, 29.58829844507442],
    [0.5, 0.5, 0.0873476047057468],
    [0.025, 2000, 1877.9460368153905],
    [0.975, 240.5, 285.34722518378146],
  ])('chi-square quantile(%s; %s df) = %s', (p, df, q) => expect(chiSquareQuantile(p, df) / q).toBeCloseTo(1, 10));

  it('gamma quantile inverts P', () => {
    for (const a of [0.3, 1, 4.5, 60])
      for (const p of [0.001, 0.2, 0.9]) expect(regularizedGammaP(a, gammaQuantile(p, a))).toBeCloseTo(p, 12);
  });

  it('refuses impossible arguments', () => {
    expect(() => chiSquareQuantile(0.5, 0)).toThrow('chi-square needs df > 0, got 0');
    expect(() => regularizedGammaP(2, -1)).toThrow('incomplete gamma needs x ≥ 0, got -1');
  });
});
