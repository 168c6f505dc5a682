import { describe, expect, it } from 'vitest';
import { rateFunnelLimits, proportionFunnelLimits } from './funnel.ts';
import { recentTrend, standardErrorFromLimits, TREND_CRITICAL_VALUE } from './recentTrend.ts';
import { xmrChart } from './spc.ts';

const se = [0.5, 0.6, 0.5, 0.7, 0.8];

describe('recent trend (weighted regression over the last 5 points)', () => {
  it('9.5495 is χ²(1) at 99.8% (scipy: 9.549535706)', () => expect(TREND_CRITICAL_VALUE).toBeCloseTo(9.549535706, 4));

  it('a clear rise is significant (numpy WLS: slope 1.823216, SE 0.200487, statistic 82.6995)', () => {
    const t = recentTrend(
      [99, 10, 12, 13, 15, 18].map((value, i) => ({ value, standardError: [1, ...se][i] as number })),
      'lower is better',
    );
    expect(t).toMatchObject({ calculated: true, direction: 'increasing', assessment: 'getting worse' });
    if (!t.calculated) return;
    expect(t.slope).toBeCloseTo(1.8232163165193707, 10);
    expect(t.slopeStandardError).toBeCloseTo(0.20048726367800537, 10);
    expect(t.statistic).toBeCloseTo(82.69948797875234, 8);
  });

  it('wobble is not significant (statistic 0.612781)', () => {
    const t = recentTrend(
      [10, 10.5, 9.8, 10.6, 10.9].map((value, i) => ({ value, standardError: se[i] as number })),
      'higher is better',
    );
    expect(t).toMatchObject({
      calculated: true,
      direction: 'no significant change',
      assessment: 'no significant change',
    });
    if (t.calculated) expect(t.statistic).toBeCloseTo(0.6127806267565208, 8);
  });

  it('falls with higher-is-better polarity get worse; no polarity is not rated', () => {
    const falling = [18, 15, 13, 12, 10].map((value, i) => ({ value, standardError: se[i] as number }));
    expect(recentTrend(falling, 'higher is better')).toMatchObject({
      direction: 'decreasing',
      assessment: 'getting worse',
    });
    expect(recentTrend(falling, 'no polarity')).toMatchObject({ direction: 'decreasing', assessment: 'not rated' });
  });

  it('needs 5 points with standard errors', () => {
    expect(recentTrend([{ value: 1, standardError: 1 }], 'no polarity')).toEqual({
      calculated: false,
      reason: 'a recent trend needs 5 points; 1 available',
    });
    expect(recentTrend(Array(5).fill({ value: 1, standardError: 0 }), 'no polarity')).toEqual({
      calculated: false,
      reason: 'every one of the last 5 points needs a value and a standard error above 0',
    });
  });

  it('SE from 95% limits', () => expect(standardErrorFromLimits(8, 12)).toBeCloseTo(4 / (2 * 1.959964), 6));
});

describe('XmR SPC', () => {
  it('limits and an outlier plus a run of 7 below the mean', () => {
    // mean = 120/10 = 12; moving ranges 0 ×8 and 20 → mean 20/9 = 2.2222; limits 12 ± 5.9111 = 6.0889 – 17.9111.
    const c = xmrChart([10, 10, 10, 10, 10, 10, 10, 10, 10, 30]);
    expect(c.centre).toBe(12);
    expect(c.meanMovingRange).toBeCloseTo(20 / 9, 12);
    expect(c.upperLimit).toBeCloseTo(17.9111, 4);
    expect(c.lowerLimit).toBeCloseTo(6.0889, 4);
    expect(c.points.map((p) => p.flags)).toEqual([...Array(9).fill(['run of 7']), ['outside limits']]);
  });

  it('7 rising points make a trend; 6 do not', () => {
    const trend = xmrChart([1, 2, 3, 4, 5, 6, 7, 5]).points.map((p) => p.flags.includes('trend of 7'));
    expect(trend).toEqual([true, true, true, true, true, true, true, false]);
    expect(xmrChart([1, 2, 3, 4, 5, 6, 5]).points.some((p) => p.flags.includes('trend of 7'))).toBe(false);
  });

  it('2 of 3 beyond two-thirds of the limits, inside the limits', () => {
    // mean 6.4; mR = (5×1 + 4 + 0 + 5 + 1)/9 = 1.6667; limits 1.9667 – 10.8333; two-thirds band upper 6.4 + 2/3 × 4.4333 = 9.3556.
    const c = xmrChart([5, 6, 5, 6, 5, 6, 10, 10, 5, 6]);
    expect(c.points.map((p) => p.flags)).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
      ['2 of 3 beyond two-thirds'],
      ['2 of 3 beyond two-thirds'],
      [],
      [],
    ]);
  });

  it('a point on the mean breaks a run', () => {
    // twelve 1s, one 3 and one 27: mean = 42/14 = 3 exactly, so the 3 sits on the mean between two runs of 6.
    const c = xmrChart([1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 27]);
    expect(c.centre).toBe(3);
    expect(c.points.some((p) => p.flags.includes('run of 7'))).toBe(false);
    // the same values with the 3 replaced by a 1 (and 29 to keep the mean) make a run of 13
    expect(
      xmrChart([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 29]).points.filter((p) => p.flags.includes('run of 7')),
    ).toHaveLength(13);
  });

  it('needs two points', () => expect(() => xmrChart([1])).toThrow('an XmR chart needs at least 2 points, got 1'));
});

describe('funnel limits', () => {
  it('rates: exact Poisson around the expected count (scipy chi2.ppf)', () => {
    // benchmark 2 per 1,000, population 3,000 → E = 6; 95%: χ²(0.025; 12)/2 = 2.201894 → 0.733965 per 1,000; χ²(0.975; 14)/2 → 4.353158.
    const f = rateFunnelLimits(2, 3000);
    expect(f.lower95).toBeCloseTo(0.7339647511636169, 8);
    expect(f.upper95).toBeCloseTo(4.353158007506228, 8);
    expect(f.lower998).toBeCloseTo(0.3690348867518798, 8);
    expect(f.upper998).toBeCloseTo(6.020545613399689, 8);
  });

  it('rates with a non-integer expected count (E = 2.5: 0.415606 – 8.006382)', () => {
    const f = rateFunnelLimits(2.5, 1000);
    expect(f.lower95).toBeCloseTo(0.41560580674333125, 8);
    expect(f.upper95).toBeCloseTo(8.006382137314663, 8);
  });

  it('proportions: Wilson around the benchmark (61% at n = 100 → 0.51203 – 0.69983)', () => {
    const f = proportionFunnelLimits(0.61, 100);
    expect(f.lower95).toBeCloseTo(0.5120301704584074, 10);
    expect(f.upper95).toBeCloseTo(0.6998312599360559, 10);
    // 99.8%: the same Wilson formula with z = scipy's norm.ppf(0.999) = 3.090232306167813.
    expect(f.lower998).toBeCloseTo(0.45608548497022366, 10);
    expect(f.upper998).toBeCloseTo(0.7447369088281861, 10);
  });
});
