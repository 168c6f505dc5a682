import { describe, expect, it } from 'vitest';
import { assessIndicator, type IndicatorPoint } from './assessIndicator.ts';
import { closesYear, parseQuarter, QuarterLabelError, reportingPeriods, valuePeriod } from './indicatorPeriods.ts';
import { targetRag } from './indicatorRag.ts';
import { checkEntry, outsideHistory } from './returnValidation.ts';
import { statisticalRag, valueInterval } from './statisticalRag.ts';

// Every expected number below was worked out by hand from the formulas in methods.md, not from this code.
const tol = (pct: number) => ({ amberWithinPercent: pct, text: `amber within ${pct}% of the target` });
const point = (
  periodLabel: string,
  value: number,
  comparability = 'v1',
  numerator: number | null = null,
  denominator: number | null = null,
): IndicatorPoint => ({
  periodLabel,
  value,
  numerator,
  denominator,
  comparability,
});
const count = { kind: 'count' as const };

describe('RAG, worked by hand', () => {
  it('misses its target but is not significantly different from last year: red beside a neutral statistical RAG', () => {
    // Target at most 100, amber up to 105. 120 is red. Byar 95% limits of 120: 99.49 to 143.49; 110 lies inside.
    const a = assessIndicator(
      { unit: count, polarity: 'lower-is-better', target: { kind: 'value', value: 100, tolerance: tol(5) } },
      [point('SA 2013/14', 110), point('SA 2014/15', 120)],
    );
    expect(a.target.state).toBe('red');
    expect(a.statistical.state).toBe('no significant difference');
    if (a.statistical.state !== 'no significant difference') throw new Error('unreachable');
    expect(a.statistical.interval.lower).toBeCloseTo(99.49, 1);
    expect(a.statistical.interval.upper).toBeCloseTo(143.49, 1);
    expect(a.direction).toEqual({ state: 'worsening', change: 10, percentChange: (10 / 110) * 100 });
  });

  it('meets its target but is significantly worse than last year: green beside significantly worse', () => {
    // Target at most 200: 150 is green. Byar lower limit of 150 is 126.95, above last year's 100: higher, and lower is better.
    const a = assessIndicator(
      { unit: count, polarity: 'lower-is-better', target: { kind: 'value', value: 200, tolerance: tol(5) } },
      [point('SA 2013/14', 100), point('SA 2014/15', 150)],
    );
    expect(a.target.state).toBe('green');
    expect(a.statistical.state).toBe('significantly worse');
  });

  it('an indicator whose definition changed shows "not comparable", never a colour', () => {
    const a = assessIndicator(
      {
        unit: count,
        polarity: 'lower-is-better',
        target: { kind: 'change', percent: -10, against: 'previous', tolerance: tol(5) },
      },
      [point('SA 2013/14', 100, 'mps_old'), point('SA 2014/15', 150, 'ho_aligned')],
    );
    expect(a.direction.state).toBe('not comparable');
    expect(a.statistical.state).toBe('not comparable');
    expect(a.target.state).toBe('not comparable');
  });

  it('a first value is a new indicator; no target is a state of its own', () => {
    const a = assessIndicator({ unit: count, polarity: 'lower-is-better', target: { kind: 'none' } }, [
      point('SA 2014/15', 5),
    ]);
    expect(a.direction.state).toBe('new indicator');
    expect(a.target.state).toBe('no target');
    expect(a.statistical.state).toBe('no comparison');
    expect(assessIndicator({ unit: count, polarity: 'neither', target: { kind: 'none' } }, []).direction.state).toBe(
      'no value',
    );
  });

  it('amber inside the tolerance band; a change target is measured from the baseline', () => {
    // At most 100, amber within 10% (110): 108 is amber; 111 is red.
    const value = { kind: 'value' as const, value: 100, tolerance: tol(10) };
    expect(targetRag(108, value, 'lower-is-better', null).state).toBe('amber');
    expect(targetRag(111, value, 'lower-is-better', null).state).toBe('red');
    expect(targetRag(95, value, 'higher-is-better', null).state).toBe('amber');
    // −10% against a baseline of 200 aims at 180; tolerance 5% of 180 = 9; 185 is 5 over: amber; 189.5 is red.
    const change = { kind: 'change' as const, percent: -10, against: 'baseline' as const, tolerance: tol(5) };
    const base = { value: 200, label: 'SA 2011/12', comparable: true };
    const r = targetRag(185, change, 'lower-is-better', base);
    expect(r.state).toBe('amber');
    if (r.state === 'amber') expect(r.target).toBeCloseTo(180, 10);
    expect(targetRag(189.5, change, 'lower-is-better', base).state).toBe('red');
    expect(targetRag(180, change, 'lower-is-better', base).state).toBe('green');
    expect(targetRag(180, change, 'lower-is-better', null).state).toBe('no reference value');
    expect(targetRag(180, value, 'neither', null).state).toBe('no target');
  });

  it('percentages use Wilson limits from the numerator and denominator', () => {
    // 61 of 100: 51.203% to 69.983% (methods.md reference values).
    const unit = { kind: 'percentage' as const };
    const i = valueInterval(unit, { value: 61, numerator: 61, denominator: 100 });
    if ('reason' in i) throw new Error(i.reason);
    expect(i.lower).toBeCloseTo(51.203, 2);
    expect(i.upper).toBeCloseTo(69.983, 2);
    const cur = { value: 61, numerator: 61, denominator: 100 };
    const prev = (value: number) => ({ value, numerator: null, denominator: null, label: 'Q1', comparable: true });
    expect(statisticalRag(unit, 'higher-is-better', cur, prev(50)).state).toBe('significantly better');
    expect(statisticalRag(unit, 'higher-is-better', cur, prev(52)).state).toBe('no significant difference');
    expect(statisticalRag(unit, 'neither', cur, prev(50)).state).toBe('significantly higher');
    expect(
      statisticalRag(unit, 'higher-is-better', { value: 61, numerator: null, denominator: null }, prev(50)).state,
    ).toBe('not tested');
  });

  it('rates use the limits of their count over the population', () => {
    // 120 events in 61,467 people per 1,000: 1.9523 (1.6186 to 2.3345), methods.md.
    const i = valueInterval({ kind: 'rate', per: 1000 }, { value: 1.9523, numerator: 120, denominator: 61467 });
    if ('reason' in i) throw new Error(i.reason);
    expect(i.lower).toBeCloseTo(1.6186, 3);
    expect(i.upper).toBeCloseTo(2.3345, 3);
  });
});

describe('indicator periods', () => {
  it('reads quarters and refuses what is not one', () => {
    expect(parseQuarter('2024/25 Q3')).toMatchObject({ start: '2024-10', end: '2024-12' });
    expect(parseQuarter('2015/16 q4')).toMatchObject({ start: '2016-01', end: '2016-03' });
    for (const bad of ['2024/26 Q1', '2024 Q1', '2024/25 Q5', ''])
      expect(() => parseQuarter(bad)).toThrow(QuarterLabelError);
  });

  it('a value covers the quarter or the 12 months to its end, which close a year at Q2 (Oct–Sep) or Q4 (FY)', () => {
    const q2 = parseQuarter('2015/16 Q2');
    expect(valuePeriod('october-september', q2)).toMatchObject({
      start: '2014-10',
      end: '2015-09',
      kind: 'strategic assessment year',
    });
    expect(closesYear('october-september', q2)).toBe(true);
    expect(valuePeriod('financial-year', parseQuarter('2015/16 Q3'))).toMatchObject({
      start: '2015-01',
      end: '2015-12',
    });
    expect(valuePeriod('financial-year', parseQuarter('2015/16 Q4'))).toMatchObject({ id: '2015/16' });
    expect(valuePeriod('quarter', q2)).toMatchObject({ start: '2015-07', end: '2015-09' });
  });

  it('the last four October–September years before March 2016 are SA 2011/12 to SA 2014/15', () => {
    expect(reportingPeriods('october-september', '2016-03', 4).map((p) => p.id)).toEqual([
      'SA 2011/12',
      'SA 2012/13',
      'SA 2013/14',
      'SA 2014/15',
    ]);
    expect(reportingPeriods('financial-year', '2016-03', 2).map((p) => p.id)).toEqual(['2014/15', '2015/16']);
    expect(reportingPeriods('quarter', '2024-11', 2).map((p) => p.id)).toEqual(['2024/25 Q1', '2024/25 Q2']);
    expect(reportingPeriods('rolling-12-months', '2025-01', 2).map((p) => p.id)).toEqual([
      'R12 2023-12',
      'R12 2024-12',
    ]);
  });
});

describe('checking a returned value', () => {
  const never = () => ({ red: false, worsening: false });
  it('refuses non-numbers, percentages over 100 and a numerator above its denominator, naming the field', () => {
    const pct = { unit: 'percentage' as const, history: [], judge: never };
    expect(checkEntry({ value: 'twelve' }, { ...pct, unit: 'count' })).toEqual({
      ok: false,
      problems: [{ field: 'value', message: 'Enter the value as a number, like 1,234' }],
    });
    expect(checkEntry({ value: '120%' }, pct)).toMatchObject({ ok: false, problems: [{ field: 'value' }] });
    expect(checkEntry({ value: '', numerator: '60', denominator: '50' }, pct)).toMatchObject({
      ok: false,
      problems: [{ field: 'numerator' }],
    });
    expect(checkEntry({ value: '12.5' }, { ...pct, unit: 'count' })).toMatchObject({
      ok: false,
      problems: [{ field: 'value', message: 'A count must be a whole number' }],
    });
    expect(checkEntry({ value: '40', numerator: '1', denominator: '2' }, pct)).toMatchObject({
      ok: false,
      problems: [{ field: 'value' }],
    });
  });

  it('works a percentage out from its parts and reads "1,234" and "45.6%"', () => {
    const pct = { unit: 'percentage' as const, history: [], judge: never };
    expect(checkEntry({ value: '', numerator: '45', denominator: '60' }, pct)).toEqual({
      ok: true,
      entry: { value: 75, numerator: 45, denominator: 60, commentary: '', outlierNote: '' },
    });
    expect(checkEntry({ value: '45.6%' }, pct)).toMatchObject({ ok: true, entry: { value: 45.6 } });
    expect(checkEntry({ value: '1,234' }, { ...pct, unit: 'count' })).toMatchObject({
      ok: true,
      entry: { value: 1234 },
    });
  });

  it('asks to confirm a value far outside the history, with a note', () => {
    // History 100, 102, 98, 101, 99: mean 100, mean moving range (2+4+3+2)/4 = 2.75, limits 100 ± 7.315.
    const history = [100, 102, 98, 101, 99];
    expect(outsideHistory(107, history)).toBeNull();
    expect(outsideHistory(108, history)).toBe('92.7 to 107.3, from the last 5 values');
    const rules = { unit: 'count' as const, history, judge: never };
    expect(checkEntry({ value: '130' }, rules)).toMatchObject({
      ok: false,
      problems: [{ field: 'value', needsConfirmation: true }],
    });
    expect(checkEntry({ value: '130', confirmOutlier: true }, rules)).toMatchObject({ ok: false });
    expect(
      checkEntry({ value: '130', confirmOutlier: true, outlierNote: 'a new recording system' }, rules),
    ).toMatchObject({ ok: true });
  });

  it('wants a commentary when the result is red or worsening', () => {
    const rules = { unit: 'count' as const, history: [], judge: () => ({ red: true, worsening: false }) };
    expect(checkEntry({ value: '5' }, rules)).toEqual({
      ok: false,
      problems: [{ field: 'commentary', message: 'Enter a commentary: the result is red against its target' }],
    });
    expect(checkEntry({ value: '5', commentary: 'Two operations ended in June.' }, rules)).toMatchObject({ ok: true });
  });
});
