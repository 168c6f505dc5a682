import { describe, expect, it } from 'vitest';
import { crudeRate } from './crudeRate.ts';
import { byarLimits, exactPoissonLimits } from './poissonLimits.ts';
import { rateRatio } from './rateRatio.ts';
import { wilsonInterval } from './wilson.ts';

const to4 = (x: number) => Number(x.toFixed(4));

describe('methods.md reference values (to 4 decimal places)', () => {
  it.each([
    // case, count, population, value, lower, upper, method
    ['10 events, population 1,000 (Byar)', 10, 1000, 10.0, 4.7874, 18.3915, 'Byar'],
    ['4 events, population 2,500 (exact)', 4, 2500, 1.6, 0.4359, 4.0966, 'exact Poisson'],
    ['120 events, population 61,467', 120, 61467, 1.9523, 1.6186, 2.3345, 'Byar'],
  ] as const)('rate: %s', (_case, count, population, value, lower, upper, method) => {
    const r = crudeRate(count, population, { multiplier: 1000 });
    expect([to4(r.value), to4(r.lower), to4(r.upper)]).toEqual([value, lower, upper]);
    expect(r.method).toBe(method);
    expect(r.confidence).toBe('95%');
  });

  it('10 events, exact Poisson for comparison: 4.7954 – 18.3904', () => {
    const l = exactPoissonLimits(10);
    expect([to4(l.lower), to4(l.upper)]).toEqual([4.7954, 18.3904]);
  });

  it.each([
    [61, 100, 0.61, 0.51203, 0.69983],
    [3, 40, 0.075, 0.02584, 0.19864],
  ])('Wilson %s of %s', (x, n, value, lower, upper) => {
    const p = wilsonInterval(x, n);
    expect(p.value).toBeCloseTo(value, 5);
    expect(Number(p.lower.toFixed(5))).toBe(lower);
    expect(Number(p.upper.toFixed(5))).toBe(upper);
  });
});

describe('independently worked cases', () => {
  it('exact Poisson at 0 events: lower 0, upper −ln(α/2)', () => {
    // By hand: P(X = 0 | μ) = e^−μ = 0.025 ⇒ μ = −ln 0.025 = 3.688879; at 99.8%: −ln 0.001 = 6.907755.
    expect(exactPoissonLimits(0)).toMatchObject({ lower: 0 });
    expect(exactPoissonLimits(0).upper).toBeCloseTo(-Math.log(0.025), 10);
    expect(exactPoissonLimits(0, 0.998).upper).toBeCloseTo(-Math.log(0.001), 10);
    const r = crudeRate(0, 5000);
    expect(r.value).toBe(0);
    expect(r.upper).toBeCloseTo((3.688879 / 5000) * 1000, 6);
  });

  it('Wilson at 0 and at n (scipy: 0 of 20 → 0–0.161125; 20 of 20 → 0.838875–1)', () => {
    const none = wilsonInterval(0, 20);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.16112515805281938, 12);
    const all = wilsonInterval(20, 20);
    expect(all.lower).toBeCloseTo(0.8388748419471806, 12);
    expect(all.upper).toBe(1);
  });

  it('per 100,000 and 99.8%', () => {
    const r = crudeRate(10, 1000, { multiplier: 100_000, confidence: 0.998 });
    expect(r.value).toBe(1000);
    expect(r.confidence).toBe('99.8%');
    // scipy: Byar 10 at 99.8% with z = 3.090232
    const z = 3.090232306167813;
    expect(r.lower).toBeCloseTo(10 * (1 - 1 / 90 - z / (3 * Math.sqrt(10))) ** 3 * 100, 8);
  });

  it('rate ratio with log-scale limits', () => {
    // 120 events in 22,702 vs 300 in 122,292: RR = (120/22702)/(300/122292) = 2.154735;
    // SE(ln RR) = √(1/120 + 1/300) = 0.108012; limits exp(ln 2.154735 ± 1.959964 × 0.108012) = 1.743627 – 2.662773 (python).
    const rr = rateRatio({ count: 120, population: 22702 }, { count: 300, population: 122292 });
    expect(rr.ok).toBe(true);
    if (!rr.ok) return;
    expect(rr.ratio).toBeCloseTo(2.1547352656153644, 10);
    expect(rr.lower).toBeCloseTo(1.7436272387519216, 10);
    expect(rr.upper).toBeCloseTo(2.6627733048090394, 10);
  });

  it('rate ratio with a zero count is not estimable, never 0 or Infinity', () => {
    expect(rateRatio({ count: 5, population: 100 }, { count: 0, population: 100 })).toEqual({
      ok: false,
      ratio: null,
      reason: 'the comparison group has no events, so the ratio is undefined',
    });
    expect(rateRatio({ count: 0, population: 100 }, { count: 4, population: 100 })).toMatchObject({
      ok: false,
      ratio: 0,
    });
  });

  it('refuses impossible inputs with clear messages', () => {
    expect(() => crudeRate(3, 0)).toThrow('population must be above 0, got 0');
    expect(() => crudeRate(-1, 10)).toThrow('count must be a non-negative number, got -1');
    expect(() => byarLimits(0)).toThrow('Byar limits need a count above 0; use exact Poisson limits for 0');
    expect(() => wilsonInterval(5, 4)).toThrow('count must be between 0 and the denominator 4, got 5');
  });
});
