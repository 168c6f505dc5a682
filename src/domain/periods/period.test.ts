import { describe, expect, it } from 'vitest';
import { addMonths, formatMonth, monthsBetween, monthToDate } from './month.ts';
import { parsePeriod, PeriodParseError } from './parsePeriod.ts';
import {
  financialQuarter,
  financialYear,
  periodMonths,
  previousPeriod,
  rolling12Months,
  samePeriodLastYear,
  strategicAssessmentYear,
} from './period.ts';

describe('parsePeriod', () => {
  it.each([
    // input, kind, id, label, start, end
    ['2015/16', 'financial year', '2015/16', '2015/16', '2015-04', '2016-03'],
    ['FY2015/16', 'financial year', '2015/16', '2015/16', '2015-04', '2016-03'],
    ['fy 2015-16', 'financial year', '2015/16', '2015/16', '2015-04', '2016-03'],
    ['fy21-22', 'financial year', '2021/22', '2021/22', '2021-04', '2022-03'],
    ['1999/2000', 'financial year', '1999/00', '1999/00', '1999-04', '2000-03'],
    ['2023/24 Q1', 'quarter', '2023/24 Q1', '2023/24 Q1', '2023-04', '2023-06'],
    ['q4 2023/24', 'quarter', '2023/24 Q4', '2023/24 Q4', '2024-01', '2024-03'],
    ['Oct 2022–Sep 2023', 'strategic assessment year', 'SA 2022/23', 'Oct 2022–Sep 2023', '2022-10', '2023-09'],
    [
      'october 2022 to september 2023',
      'strategic assessment year',
      'SA 2022/23',
      'Oct 2022–Sep 2023',
      '2022-10',
      '2023-09',
    ],
    ['sa 2022/23', 'strategic assessment year', 'SA 2022/23', 'Oct 2022–Sep 2023', '2022-10', '2023-09'],
    ['12 months to Mar 2024', 'rolling 12 months', 'R12 2024-03', '12 months to Mar 2024', '2023-04', '2024-03'],
    [
      'Rolling 12 months ending 2024-02',
      'rolling 12 months',
      'R12 2024-02',
      '12 months to Feb 2024',
      '2023-03',
      '2024-02',
    ],
    ['2023', 'calendar year', '2023', '2023', '2023-01', '2023-12'],
    ['CY2023', 'calendar year', '2023', '2023', '2023-01', '2023-12'],
    ['Mar 2024', 'month', '2024-03', 'Mar 2024', '2024-03', '2024-03'],
    ['2024-03', 'month', '2024-03', 'Mar 2024', '2024-03', '2024-03'],
    ['202403', 'month', '2024-03', 'Mar 2024', '2024-03', '2024-03'],
    ['SEPT 2024', 'month', '2024-09', 'Sep 2024', '2024-09', '2024-09'],
    ['Apr 2023 - Jun 2024', 'months', '2023-04..2024-06', 'Apr 2023–Jun 2024', '2023-04', '2024-06'],
    ['2023-04..2024-06', 'months', '2023-04..2024-06', 'Apr 2023–Jun 2024', '2023-04', '2024-06'],
  ])('%s', (input, kind, id, label, start, end) => {
    const p = parsePeriod(input);
    expect(p).toEqual({ kind, id, label, start, end });
    // ids and labels read back to the same period
    expect(parsePeriod(p.id)).toEqual(p);
    expect(parsePeriod(p.label)).toEqual(p);
  });

  it.each([
    ['2015/17', '"2015/17" is not a period: the second year must follow the first (2015/16)'],
    ['2015-16', '"2015-16" is not a period: month 16 does not exist; for a financial year write 2015/16'],
    ['2023/24 Q5', '"2023/24 Q5" is not a period: quarter must be Q1–Q4 (Q1 = Apr–Jun), got Q5'],
    [
      '12 months to Smarch 2024',
      '"12 months to Smarch 2024" is not a period: "smarch 2024" is not a month (write Mar 2024 or 2024-03)',
    ],
    ['Jun 2024–Apr 2023', '"Jun 2024–Apr 2023" is not a period: period ends (2023-04) before it starts (2024-06)'],
    ['1850', '"1850" is not a period: year 1850 is outside 1990–2100'],
    ['last year', '"last year" is not a period: use a financial year (2015/16), a quarter (2023/24 Q1)'],
  ])('refuses %s', (input, message) => {
    expect(() => parsePeriod(input)).toThrow(PeriodParseError);
    expect(() => parsePeriod(input)).toThrow(message);
  });
});

describe('period arithmetic', () => {
  it.each([
    [financialYear(2015), '2014/15', '2014/15'],
    [financialQuarter(2024, 1), '2023/24 Q4', '2023/24 Q1'],
    [financialQuarter(2023, 4), '2023/24 Q3', '2022/23 Q4'],
    [strategicAssessmentYear(2022), 'SA 2021/22', 'SA 2021/22'],
    [rolling12Months('2024-03'), 'R12 2023-03', 'R12 2023-03'],
    [parsePeriod('2023'), '2022', '2022'],
    [parsePeriod('2024-01'), '2023-12', '2023-01'],
    [parsePeriod('Apr 2023–Jun 2024'), '2022-01..2023-03', '2022-04..2023-06'],
  ])('%o: previous %s, same period last year %s', (period, previous, lastYear) => {
    expect(previousPeriod(period).id).toBe(previous);
    expect(samePeriodLastYear(period).id).toBe(lastYear);
  });

  it('lists months', () => {
    expect(periodMonths(financialQuarter(2023, 4))).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(periodMonths(financialYear(2015))).toHaveLength(12);
    expect(periodMonths(rolling12Months('2024-03'))[0]).toBe('2023-04');
  });

  it('month helpers', () => {
    expect(addMonths('2023-11', 3)).toBe('2024-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(formatMonth('2024-09')).toBe('Sep 2024');
    expect(monthToDate('2024-09')).toBe('2024-09-01');
    expect(() => monthsBetween('2024-02', '2024-01')).toThrow('period ends (2024-01) before it starts (2024-02)');
    // Across a year end, both ends included (the months `safer synthesise --from 2024-11 --to 2025-02` writes).
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2024-06', '2024-06')).toEqual(['2024-06']);
  });
});
