import { describe, expect, it } from 'vitest';
import type { Figure } from '../analysis/figure.ts';
import { DISCLOSURE_RULES } from '../domain/disclosure/disclosureRule.ts';
import { protectFigures } from './figureDisclosure.ts';

const CASE = DISCLOSURE_RULES.caseDerived;

/** A share of a total, as share breakdowns produce them (rate = count / denominator, no multiplier). */
const share = (group: string, count: number, denominator: number, extra: Record<string, unknown> = {}): Figure => ({
  group: { sex: group },
  count,
  denominator,
  rate: count / denominator,
  lower: 0,
  upper: 1,
  multiplier: null,
  method: 'share of total, Wilson limits',
  confidence: '95%',
  definition: 'knife-crime',
  source: 'partner police extract',
  extractDate: '2026-02-28',
  ...extra,
});
/** A rate per 1,000 residents, as series and area breakdowns produce them. */
const rate = (month: string, count: number, extra: Record<string, unknown> = {}): Figure => ({
  group: { month },
  count,
  denominator: 310_303,
  rate: (count / 310_303) * 1000,
  lower: 0,
  upper: 1,
  multiplier: 1000,
  method: 'crude rate per 1,000, Byar limits',
  confidence: '95%',
  definition: 'knife-crime',
  source: 'partner police extract',
  extractDate: '2026-02-28',
  ...extra,
});

describe('protectFigures', () => {
  it('hides a small share and the next smallest, so the total minus the rest reveals neither', () => {
    // 342 + 261 + 55 + 5 = 663 = the denominator. 5 is primary; 663 − 342 − 261 − 55 would give it back, so 55 goes too.
    const { figures, suppressedFigures } = protectFigures(
      [share('male', 342, 663), share('female', 261, 663), share('none', 55, 663), share('unknown', 5, 663)],
      CASE,
    );
    expect(figures.map((f) => f.count)).toEqual([342, 261, null, null]);
    expect(figures.map((f) => f.suppression ?? null)).toEqual([null, null, 'secondary', 'primary']);
    expect(figures.map((f) => f.suppressed)).toEqual([false, false, true, true]);
    expect(figures.every((f) => f.disclosureRule === 'case-derived')).toBe(true);
    expect(figures[3]).toMatchObject({ rate: null, lower: null, upper: null, denominator: 663 });
    expect(figures[0]!.rate).toBeCloseTo(342 / 663, 10);
    expect(suppressedFigures).toBe(2);
  });

  it('protects a single share against its complement (665 of 668 would reveal the other 3)', () => {
    expect(protectFigures([share('sanction detections', 70, 668)], CASE).figures[0]!.count).toBe(70);
    expect(protectFigures([share('sanction detections', 3, 668)], CASE).figures[0]).toMatchObject({
      count: null,
      suppressed: true,
      suppression: 'primary',
    });
    expect(protectFigures([share('sanction detections', 665, 668)], CASE).figures[0]).toMatchObject({
      count: null,
      rate: null,
      suppressed: true,
      suppression: 'secondary',
    });
  });

  it('protects overlapping shares one by one', () => {
    // 60 + 95 > 100: not a partition. 100 − 95 = 5 is small, so 95 is hidden; 60 (complement 40) is not.
    const { figures } = protectFigures([share('a', 60, 100), share('b', 95, 100)], CASE);
    expect(figures.map((f) => f.count)).toEqual([60, null]);
  });

  it('a monthly series: the small month and the next smallest positive month are hidden, with their SPC flags', () => {
    const spc = { centre: 35.4, lowerLimit: 0, upperLimit: 80, flags: ['run below centre'] };
    const { figures } = protectFigures(
      [
        rate('2025-03', 53, { spc }),
        rate('2025-04', 62, { spc }),
        rate('2025-05', 4, { spc }),
        rate('2025-06', 0, { spc }),
        rate('2025-07', 58, { spc }),
      ],
      CASE,
    );
    // Zero is not a candidate for secondary suppression; the smallest positive other cell is 53.
    expect(figures.map((f) => f.count)).toEqual([null, 62, null, 0, 58]);
    expect(figures[2]).toMatchObject({ rate: null, spc: null, suppression: 'primary', denominator: 310_303 });
    expect(figures[0]).toMatchObject({ spc: null, suppression: 'secondary' });
    expect(figures[1]!.spc).toEqual(spc);
  });

  it('a headline under 8 loses its rate, benchmark and comparison', () => {
    const [f] = protectFigures(
      [
        rate('2026-02', 5, {
          benchmarks: [{ area: 'London', rate: 0.24, count: 2105 }],
          compare: { period: 'Feb 2025', count: 7, change: -2 },
        }),
      ],
      CASE,
    ).figures;
    expect(f).toMatchObject({
      count: null,
      rate: null,
      lower: null,
      upper: null,
      benchmarks: null,
      compare: null,
      suppressed: true,
    });
  });

  it('a visible headline keeps its benchmark but hides a small comparison count and the change that would reveal it', () => {
    const [f] = protectFigures(
      [
        rate('2026-02', 20, {
          benchmarks: [{ area: 'London', rate: 0.24, count: 2105 }],
          compare: {
            period: 'Feb 2025',
            count: 7,
            rate: 0.02,
            change: 13,
            percentChange: 185.7,
            percentChangeText: '+185.7%',
          },
        }),
      ],
      CASE,
    ).figures;
    expect(f!.count).toBe(20);
    expect(f!.benchmarks).toEqual([{ area: 'London', rate: 0.24, count: 2105 }]);
    expect(f!.compare).toEqual({
      period: 'Feb 2025',
      count: null,
      rate: null,
      change: null,
      percentChange: null,
      percentChangeText: '*',
      suppressed: true,
    });
  });

  it('a total under 8 hides every positive cell and the series-level extras of the zeros', () => {
    const spc = { centre: 1.67, lowerLimit: 0, upperLimit: 6, flags: [] };
    const { figures } = protectFigures(
      [rate('2025-03', 3, { spc }), rate('2025-04', 0, { spc }), rate('2025-05', 2, { spc })],
      CASE,
    );
    expect(figures.map((f) => f.count)).toEqual([null, 0, null]);
    expect(figures[1]).toMatchObject({ spc: null, suppressed: false });
  });

  it('the NHS hospital rule also rounds what it shows to the nearest 5, nested counts included', () => {
    // 3 is primary; 13 is the smallest other positive, so secondary; 42 → 40. Nested 23 → 25.
    const { figures } = protectFigures(
      [rate('a', 13), rate('b', 3), rate('c', 42, { benchmarks: [{ area: 'London', count: 23 }] })],
      DISCLOSURE_RULES.nhsHospital,
    );
    expect(figures.map((f) => f.count)).toEqual([null, null, 40]);
    expect(figures[2]!.benchmarks).toEqual([{ area: 'London', count: 25 }]);
    expect(figures[2]!.disclosureRule).toBe('nhs-hospital');
  });

  it('figures without a count (not estimable) pass through, marked with the rule', () => {
    const none: Figure = { ...rate('x', 0), count: null, rate: null };
    expect(protectFigures([none], CASE).figures[0]).toMatchObject({
      count: null,
      suppressed: false,
      disclosureRule: 'case-derived',
    });
  });
});
