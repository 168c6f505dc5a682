import { describe, expect, it } from 'vitest';
import { compareWithBenchmark } from './benchmark.ts';
import { sanctionDetectionRate } from './outcomeRate.ts';
import { assessAgainstTarget, reductionTarget } from './targetRag.ts';

const area = { value: 10, lower95: 8, upper95: 12, lower998: 7, upper998: 13.5 };

describe('Fingertips benchmark comparison', () => {
  it.each([
    // benchmark, polarity, direction95, rating95, direction998, rating998
    [10, 'lower is better', 'similar', 'similar', 'similar', 'similar'],
    [8, 'lower is better', 'similar', 'similar', 'similar', 'similar'], // on the limit counts as inside
    [7.5, 'lower is better', 'higher', 'worse', 'similar', 'similar'],
    [6, 'lower is better', 'higher', 'worse', 'higher', 'worse'],
    [6, 'higher is better', 'higher', 'better', 'higher', 'better'],
    [14, 'lower is better', 'lower', 'better', 'lower', 'better'],
    [14, 'higher is better', 'lower', 'worse', 'lower', 'worse'],
    [14, 'no polarity', 'lower', 'not compared', 'lower', 'not compared'],
  ] as const)('benchmark %s, %s', (benchmark, polarity, d95, r95, d998, r998) => {
    const c = compareWithBenchmark(area, benchmark, polarity, 'London');
    expect(c.scheme).toBe('benchmark');
    expect(c.at95).toEqual({ direction: d95, rating: r95 });
    expect(c.at998).toEqual({ direction: d998, rating: r998 });
  });

  it('no 99.8% tier without 99.8% limits; explains a missing polarity', () => {
    const c = compareWithBenchmark({ value: 1, lower95: 0.5, upper95: 1.5 }, 3, 'no polarity', 'London');
    expect(c.at998).toBeUndefined();
    expect(c.note).toBe('this indicator has no polarity: higher or lower is not rated better or worse');
  });

  it('refuses crossed limits', () => {
    expect(() => compareWithBenchmark({ value: 1, lower95: 2, upper95: 1 }, 1, 'lower is better', 'x')).toThrow(
      'lower limit 2 is above upper limit 1',
    );
  });
});

describe('target RAG', () => {
  // MOPAC-style: 20% reduction against a 2011/12 baseline of 1,000 → target 800, tolerance 5% of the target = 40.
  const target = reductionTarget(1000, 0.2, '2011/12', 0.05);
  it('builds the target from the baseline', () => {
    expect(target).toEqual({
      description: '20% reduction against 2011/12 (1000)',
      value: 800,
      tolerance: 40,
      direction: 'at most',
    });
  });
  it.each([
    [750, 'on target'],
    [800, 'on target'],
    [830, 'within tolerance'],
    [840, 'within tolerance'],
    [841, 'off target'],
  ] as const)('%s offences → %s', (value, status) => {
    const a = assessAgainstTarget(value, target);
    expect(a.scheme).toBe('target');
    expect(a.status).toBe(status);
    expect(a.gap).toBe(value - 800);
  });
  it('"at least" targets (e.g. a positive outcome rate of 15%)', () => {
    const t = { description: 'at least 15%', value: 15, tolerance: 1, direction: 'at least' as const };
    expect(assessAgainstTarget(16, t).status).toBe('on target');
    expect(assessAgainstTarget(14.5, t).status).toBe('within tolerance');
    expect(assessAgainstTarget(13, t).status).toBe('off target');
  });
  it('refuses a reduction given as a percentage', () => {
    expect(() => reductionTarget(1000, 20, '2011/12')).toThrow(
      'reduction must be a fraction between 0 and 1 (0.2 for 20%), got 20',
    );
  });
});

describe('sanction detection rate', () => {
  it('can exceed 100% and is shown as it is', () => {
    expect(sanctionDetectionRate(12, 10)).toBe(120);
    expect(sanctionDetectionRate(3, 12)).toBe(25);
    expect(sanctionDetectionRate(3, 0)).toBeNull();
  });
});
