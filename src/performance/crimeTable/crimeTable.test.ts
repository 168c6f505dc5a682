import { describe, expect, it } from 'vitest';
import { financialYear } from '../../domain/periods/period.ts';
import { buildBaselineTable } from './baselineTable.ts';
import { buildCrimeTable, SANCTIONS_NOT_HELD, yearCounts, type Category, type MonthCount } from './crimeTable.ts';
import { crimeTableToChartTable } from './toChartTable.ts';

/* The arithmetic of the crime tables on numbers small enough to check by eye. */

const AREA = { code: 'E09000030', name: 'Tower Hamlets' };
const fy = financialYear;
const CATEGORIES: Category[] = [
  { major: 'ROBBERY', minor: 'ROBBERY OF PERSONAL PROPERTY' },
  { major: 'ROBBERY', minor: 'ROBBERY OF BUSINESS PROPERTY' },
  { major: 'BURGLARY', minor: 'DOMESTIC BURGLARY' },
];
const month = (m: string, minor: string | null, offences: number): MonthCount => ({
  month: m,
  key: minor === null ? null : `${CATEGORIES.find((c) => c.minor === minor)!.major}|${minor}`,
  offences,
});
/** Every month of a financial year with `each` offences of one category (12 × each in the year). */
const wholeYear = (start: number, minor: string, each: number) =>
  Array.from({ length: 12 }, (_, i) =>
    month(`${i < 9 ? start : start + 1}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`, minor, each),
  );

describe('yearCounts', () => {
  it('sums the months of the year only, and counts a month with no offences as held', () => {
    const y = yearCounts(fy(2015), [
      month('2015-03', 'DOMESTIC BURGLARY', 7), // 2014/15: not this year
      month('2015-04', 'DOMESTIC BURGLARY', 2),
      month('2015-04', 'ROBBERY OF PERSONAL PROPERTY', 3),
      month('2016-03', 'DOMESTIC BURGLARY', 4),
      month('2016-02', null, 0),
    ]);
    expect(y.monthsHeld).toEqual(['2015-04', '2016-02', '2016-03']);
    expect(Object.fromEntries(y.offences)).toEqual({
      'BURGLARY|DOMESTIC BURGLARY': 6,
      'ROBBERY|ROBBERY OF PERSONAL PROPERTY': 3,
    });
  });
});

describe('buildCrimeTable', () => {
  const rows = [
    ...wholeYear(2015, 'ROBBERY OF PERSONAL PROPERTY', 10), // 120
    ...wholeYear(2014, 'ROBBERY OF PERSONAL PROPERTY', 8), // 96
    ...wholeYear(2015, 'DOMESTIC BURGLARY', 5), // 60; none in 2014/15
  ];
  const built = buildCrimeTable({
    area: AREA,
    classification: 'ho_aligned',
    categories: CATEGORIES,
    current: yearCounts(fy(2015), rows),
    previous: yearCounts(fy(2014), [...rows, month('2014-04', null, 0)]),
  });

  it('gives every category a row (zero where none), a subtotal after each major group, and TNO last', () => {
    expect(built.rows.map((r) => [r.kind, r.major, r.minor, r.offences.current, r.offences.previous])).toEqual([
      ['category', 'BURGLARY', 'DOMESTIC BURGLARY', 60, 0],
      ['major', 'BURGLARY', null, 60, 0],
      ['category', 'ROBBERY', 'ROBBERY OF BUSINESS PROPERTY', 0, 0],
      ['category', 'ROBBERY', 'ROBBERY OF PERSONAL PROPERTY', 120, 96],
      ['major', 'ROBBERY', null, 120, 96],
      ['total', 'Total Notifiable Offences', null, 180, 96],
    ]);
  });

  it('gives % change only when last year is not 0, and says why not', () => {
    const [burglary, , business, personal, , total] = built.rows;
    expect(personal!.percentChange).toBe(25); // (120 − 96) / 96
    expect(total!.percentChange).toBe(87.5); // (180 − 96) / 96
    expect([burglary!.percentChange, burglary!.changeNote]).toEqual([null, 'previous year is 0']);
    expect([business!.percentChange, business!.changeNote]).toEqual([null, 'previous year is 0']);
  });

  it('carries sanction detections as null with the reason until a source fills them', () => {
    expect(built.sanctionDetections).toEqual({ held: false, reason: SANCTIONS_NOT_HELD });
    expect(built.rows.every((r) => r.sdRate.current === null && r.sdRatePointChange === null)).toBe(true);
  });

  it('computes SD rates and the point change when a source gives sanction detections', () => {
    const withSd = buildCrimeTable({
      area: AREA,
      classification: 'ho_aligned',
      categories: CATEGORIES,
      current: yearCounts(fy(2015), rows),
      previous: yearCounts(fy(2014), rows),
      sanctionDetections: {
        current: new Map([['ROBBERY|ROBBERY OF PERSONAL PROPERTY', 12]]),
        previous: new Map([['ROBBERY|ROBBERY OF PERSONAL PROPERTY', 12]]),
      },
    });
    const personal = withSd.rows.find((r) => r.minor === 'ROBBERY OF PERSONAL PROPERTY')!;
    expect(personal.sdRate).toEqual({ current: 10, previous: 12.5 }); // 12 / 120, 12 / 96
    expect(personal.sdRatePointChange).toBe(-2.5);
    expect(withSd.total.sanctionDetections).toEqual({ current: 12, previous: 12 });
    expect(crimeTableToChartTable(withSd).rows.find((r) => r[1] === 'ROBBERY OF PERSONAL PROPERTY')).toEqual([
      'ROBBERY',
      'ROBBERY OF PERSONAL PROPERTY',
      120,
      96,
      '+25.0%',
      12,
      12,
      '10.0%',
      '12.5%',
      '−2.5',
    ]);
  });

  it('marks a year missing months partial, with no change; a comparison year with none has no counts', () => {
    const partial = buildCrimeTable({
      area: AREA,
      classification: 'mps_old',
      categories: CATEGORIES,
      current: yearCounts(fy(2015), rows),
      previous: yearCounts(
        fy(2014),
        rows.filter((r) => r.month >= '2015-01'),
      ),
    });
    expect(partial.previous).toMatchObject({ partial: true, monthsExpected: 12 });
    expect(partial.previous.monthsHeld).toHaveLength(3);
    expect(partial.total).toMatchObject({ percentChange: null, changeNote: 'partial year' });
    expect(partial.total.offences.previous).toBe(24);
    const none = buildCrimeTable({
      area: AREA,
      classification: 'ho_aligned',
      categories: CATEGORIES,
      current: yearCounts(fy(2015), rows),
      previous: yearCounts(fy(2009), rows),
    });
    expect(none.total).toMatchObject({
      offences: { current: 180, previous: null },
      changeNote: 'no data for the comparison year',
    });
    expect(crimeTableToChartTable(none).rows.at(-1)!.slice(3, 5)).toEqual(['no data', 'no data']);
  });

  it('refuses counts of a category it has no row for, which would leave rows not adding up to TNO', () => {
    expect(() =>
      buildCrimeTable({
        area: AREA,
        classification: 'ho_aligned',
        categories: CATEGORIES.slice(1),
        current: yearCounts(fy(2015), rows),
        previous: yearCounts(fy(2014), rows),
      }),
    ).toThrow(/ROBBERY OF PERSONAL PROPERTY is counted but not among the table's categories/);
  });
});

describe('buildBaselineTable', () => {
  const basket = [
    { item: { classification: 'ho_aligned' as const, major: 'ROBBERY' }, categories: CATEGORIES.slice(0, 2) },
  ];
  const rows = [
    ...wholeYear(2015, 'ROBBERY OF PERSONAL PROPERTY', 10),
    ...wholeYear(2011, 'ROBBERY OF PERSONAL PROPERTY', 15),
  ];

  it('assesses the basket total against baseline × (1 − reduction)', () => {
    const built = buildBaselineTable({
      area: AREA,
      items: basket,
      counts: { ho_aligned: { current: yearCounts(fy(2015), rows), baseline: yearCounts(fy(2011), rows) } },
      target: { percentChange: -20 },
    });
    // 120 against 180: −33.3%; the target is at most 144.
    expect(built.total).toMatchObject({ current: 120, baseline: 180 });
    expect(built.total.percentChange).toBeCloseTo(-33.333, 3);
    expect(built.target.value).toBe(144);
    expect(built.assessment).toMatchObject({ status: 'on target', gap: -24 });
  });

  it('does not assess a partial year', () => {
    const built = buildBaselineTable({
      area: AREA,
      items: basket,
      counts: { ho_aligned: { current: yearCounts(fy(2015), rows.slice(0, 6)), baseline: yearCounts(fy(2011), rows) } },
      target: { percentChange: -20 },
    });
    expect([built.assessment, built.assessmentNote, built.total.percentChange]).toEqual([null, 'partial year', null]);
  });
});
