import { describe, expect, it } from 'vitest';
import type { Figure } from '../analysis/figure.ts';
import type {
  CostFigure,
  GridHotspotFigure,
  HeadlineFigure,
  RankedFigure,
  SeriesFigure,
  ShareFigure,
} from '../analysis/figureShapes.ts';
import { DISCLOSURE_RULES } from '../domain/disclosure/disclosureRule.ts';
import { FIELD_RULES, type FieldRules, UnruledFieldError } from './disclosureRules.ts';
import { protectFigures } from './figureDisclosure.ts';

const CASE = DISCLOSURE_RULES.caseDerived;

/** A share of a total, as share breakdowns produce them (rate = count / denominator, no multiplier). */
const share = (group: string, count: number, denominator: number, extra: Partial<ShareFigure> = {}): ShareFigure => ({
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
/** Extras are given loosely (partial benchmarks, comparisons): the fixture stands for any figure of shape F. */
const rate = <F extends Figure = SeriesFigure>(month: string, count: number, extra: Record<string, unknown> = {}): F =>
  ({
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
  }) as unknown as F;

describe('protectFigures', () => {
  it('hides a small share and the next smallest, so the total minus the rest reveals neither', () => {
    // 342 + 261 + 55 + 5 = 663 = the denominator. 5 is primary; 663 − 342 − 261 − 55 would give it back, so 55 goes too.
    const { figures, suppressedFigures } = protectFigures(
      'shares',
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
    expect(protectFigures('shares', [share('sanction detections', 70, 668)], CASE).figures[0]!.count).toBe(70);
    expect(protectFigures('shares', [share('sanction detections', 3, 668)], CASE).figures[0]).toMatchObject({
      count: null,
      suppressed: true,
      suppression: 'primary',
    });
    expect(protectFigures('shares', [share('sanction detections', 665, 668)], CASE).figures[0]).toMatchObject({
      count: null,
      rate: null,
      suppressed: true,
      suppression: 'secondary',
    });
  });

  it('protects overlapping shares one by one', () => {
    // 60 + 95 > 100: not a partition. 100 − 95 = 5 is small, so 95 is hidden; 60 (complement 40) is not.
    const { figures } = protectFigures('shares', [share('a', 60, 100), share('b', 95, 100)], CASE);
    expect(figures.map((f) => f.count)).toEqual([60, null]);
  });

  it('a monthly series: the small month and the next smallest positive month are hidden, with their SPC flags', () => {
    const spc = { centre: 35.4, lowerLimit: 0, upperLimit: 80, flags: ['run below centre'] };
    const { figures } = protectFigures(
      'series',
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
      'headline',
      [
        rate<HeadlineFigure>('2026-02', 5, {
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
      'headline',
      [
        rate<HeadlineFigure>('2026-02', 20, {
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
      'series',
      [rate('2025-03', 3, { spc }), rate('2025-04', 0, { spc }), rate('2025-05', 2, { spc })],
      CASE,
    );
    expect(figures.map((f) => f.count)).toEqual([null, 0, null]);
    expect(figures[1]).toMatchObject({ spc: null, suppressed: false });
  });

  it('the NHS hospital rule also rounds what it shows to the nearest 5, nested counts included', () => {
    // 3 is primary; 13 is the smallest other positive, so secondary; 42 → 40. Nested 23 → 25.
    const { figures } = protectFigures(
      'headline',
      [
        rate<HeadlineFigure>('a', 13),
        rate<HeadlineFigure>('b', 3),
        rate<HeadlineFigure>('c', 42, { benchmarks: [{ area: 'London', count: 23 }] }),
      ],
      DISCLOSURE_RULES.nhsHospital,
    );
    expect(figures.map((f) => f.count)).toEqual([null, null, 40]);
    expect(figures[2]!.benchmarks).toEqual([{ area: 'London', count: 25 }]);
    expect(figures[2]!.disclosureRule).toBe('nhs-hospital');
  });

  it('figures without a count (not estimable) pass through, marked with the rule', () => {
    const none: Figure = { ...rate('x', 0), count: null, rate: null };
    expect(protectFigures('series', [none], CASE).figures[0]).toMatchObject({
      count: null,
      suppressed: false,
      disclosureRule: 'case-derived',
    });
  });

  it('refuses to release a figure carrying a field that has no disclosure rule, shown or hidden', () => {
    // A field added at run time (a cast, a spread from elsewhere) bypasses the types: the release still stops.
    const stray = rate('2025-03', 53, { unexpectedCount: 4 });
    expect(() => protectFigures('series', [stray, rate('2025-04', 60)], CASE)).toThrow(UnruledFieldError);
    expect(() => protectFigures('series', [rate('2025-03', 3, { unexpectedCount: 4 })], CASE)).toThrow(
      /a series figure carries "unexpectedCount", which has no disclosure rule/,
    );
  });

  it('a numeric field added to a shape without a rule does not compile', () => {
    type WithNewField = HeadlineFigure & { newNumber: number };
    // @ts-expect-error: newNumber has no rule; tsc (npm run typecheck) fails if the rules stop demanding one.
    const missing: FieldRules<WithNewField> = FIELD_RULES.headline;
    const complete: FieldRules<WithNewField> = { ...FIELD_RULES.headline, newNumber: 'derived' };
    expect(Object.keys(missing)).not.toContain('newNumber');
    expect(complete.newNumber).toBe('derived');
  });

  it('a hidden hotspot cell loses its z, p, class and centre, which would place a small count on the map', () => {
    const cell = (index: string, count: number) =>
      rate<GridHotspotFigure>(index, count, {
        z: 1.2,
        p: 0.2,
        adjustedP: 0.6,
        classification: 'not significant',
        centre: { longitude: -0.03, latitude: 51.5 },
      });
    const { figures } = protectFigures('grid-hotspots', [cell('0', 40), cell('1', 2), cell('2', 35)], CASE);
    expect(figures.map((f) => f.count)).toEqual([40, null, null]);
    expect(figures[1]).toMatchObject({ z: null, p: null, adjustedP: null, classification: null, centre: null });
    expect(figures[0]).toMatchObject({ z: 1.2, classification: 'not significant' });
  });

  it('a ranked borough hidden by the rule loses its rank but keeps how many were ranked', () => {
    const ranked = (name: string, count: number, rank: number) =>
      rate<RankedFigure>(name, count, { rank, of: 3, selected: true });
    const { figures } = protectFigures('ranking', [ranked('a', 90, 1), ranked('b', 5, 2), ranked('c', 40, 3)], CASE);
    expect(figures[1]).toMatchObject({ count: null, rank: null, of: 3, selected: null, suppressed: true });
    expect(figures[2]).toMatchObject({ count: null, rank: null, suppression: 'secondary' });
  });

  it('a cost line with a small number of recorded offences loses its numbers: they are a count of their own', () => {
    // £14,050 × 3 offences would give the 3 back; the 30 line stays.
    const line = (offence: string, recorded: number) => ({
      offence,
      recorded,
      underReportingMultiplier: 1,
      estimatedOffences: recorded,
      unitCost: 14_050,
      cost: recorded * 14_050,
    });
    const cost = rate<CostFigure>('all', 33, {
      unitCostEdition: 'unit_costs_2018',
      priceYear: '2015/16',
      provisional: false,
      lines: [line('robbery', 3), line('violence with injury', 30)],
    });
    const [f] = protectFigures('cost', [cost], CASE).figures;
    expect(f!.count).toBe(33);
    expect(f!.lines).toEqual([
      {
        offence: 'robbery',
        recorded: null,
        underReportingMultiplier: null,
        estimatedOffences: null,
        unitCost: null,
        cost: null,
        suppressed: true,
      },
      line('violence with injury', 30),
    ]);
  });
});
