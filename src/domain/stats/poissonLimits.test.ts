import { describe, expect, it } from 'vitest';
import { rateFunnelLimits } from './funnel.ts';
import {
  computeExactPoissonLimits,
  exactPoissonLimits,
  POISSON_MEMO_ENTRIES,
  rememberedPoissonLimits,
} from './poissonLimits.ts';

/** Counts from 0 to a large borough's expected count, whole and fractional (funnels use expected counts). */
const COUNTS = [0, 1e-9, 0.3, 1, 2, 7, 9, 9.999, 10, 37.25, 123.456, 1000, 4321.987, 16_000.5, 250_000];
const LEVELS = [0.9, 0.95, 0.99, 0.998] as const;

describe('remembered exact Poisson limits', () => {
  it('equal the direct computation bit for bit, on the first call and on every call after', () => {
    for (const level of LEVELS)
      for (const count of COUNTS) {
        const direct = computeExactPoissonLimits(count, level);
        for (let call = 0; call < 3; call++) {
          const l = exactPoissonLimits(count, level);
          expect(Object.is(l.lower, direct.lower) && Object.is(l.upper, direct.upper)).toBe(true);
          expect(l.method).toBe('exact Poisson');
        }
      }
  });

  it('are told apart by level and by count, however close', () => {
    expect(exactPoissonLimits(5, 0.95).upper).not.toBe(exactPoissonLimits(5, 0.998).upper);
    expect(exactPoissonLimits(5).upper).not.toBe(exactPoissonLimits(5 + 1e-9).upper);
    // Known values (R: qchisq(0.025, 20) / 2, qchisq(0.975, 22) / 2).
    expect(exactPoissonLimits(10).lower).toBeCloseTo(4.7954, 4);
    expect(exactPoissonLimits(10).upper).toBeCloseTo(18.3904, 4);
  });

  it('give each caller its own object: changing one answer does not change the next', () => {
    const first = exactPoissonLimits(3, 0.95);
    first.lower = -1;
    expect(exactPoissonLimits(3, 0.95).lower).toBe(computeExactPoissonLimits(3, 0.95).lower);
  });

  it('still check their arguments before looking anything up', () => {
    exactPoissonLimits(4, 0.95);
    expect(() => exactPoissonLimits(-1)).toThrow('count must be a non-negative number, got -1');
    expect(() => exactPoissonLimits(Number.NaN)).toThrow('count must be a non-negative number, got NaN');
    expect(() => exactPoissonLimits(4, 1.5)).toThrow('confidence level must be between 0 and 1 (e.g. 0.95), got 1.5');
  });

  it('keep at most POISSON_MEMO_ENTRIES, and answers dropped are computed again the same', () => {
    const direct = computeExactPoissonLimits(0.5, 0.95);
    exactPoissonLimits(0.5, 0.95);
    for (let i = 1; i <= POISSON_MEMO_ENTRIES + 50; i++) exactPoissonLimits(1 + i / 1000, 0.95);
    expect(rememberedPoissonLimits()).toBe(POISSON_MEMO_ENTRIES);
    const again = exactPoissonLimits(0.5, 0.95);
    expect([again.lower, again.upper]).toEqual([direct.lower, direct.upper]);
  });

  it('funnel limits built on them are those of the direct computation, scaled', () => {
    const f = rateFunnelLimits(80, 250_000, 1000);
    const expected = (80 / 1000) * 250_000;
    const d95 = computeExactPoissonLimits(expected, 0.95);
    const d998 = computeExactPoissonLimits(expected, 0.998);
    const scale = 1000 / 250_000;
    expect([f.lower95, f.upper95, f.lower998, f.upper998]).toEqual([
      d95.lower * scale,
      d95.upper * scale,
      d998.lower * scale,
      d998.upper * scale,
    ]);
  });
});
