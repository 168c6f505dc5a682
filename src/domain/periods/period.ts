import { addMonths, formatMonth, makeMonth, monthIndex, monthParts, monthsBetween, type Month } from './month.ts';

export type PeriodKind =
  | 'financial year'
  | 'strategic assessment year'
  | 'quarter'
  | 'rolling 12 months'
  | 'calendar year'
  | 'month'
  | 'months';

/** A reporting period: whole months from start to end inclusive. One period type for the whole product. */
export interface Period {
  kind: PeriodKind;
  /** Parseable by parsePeriod and stable: '2015/16', 'SA 2022/23', '2023/24 Q1', 'R12 2024-03', '2023', '2024-03', '2023-04..2024-06'. */
  id: string;
  /** How people read it: '2015/16', 'Oct 2022–Sep 2023', '2023/24 Q1', '12 months to Mar 2024', '2023', 'Mar 2024'. */
  label: string;
  start: Month;
  end: Month;
}

const twoDigits = (year: number) => String((year + 1) % 100).padStart(2, '0');
const fyLabel = (startYear: number) => `${startYear}/${twoDigits(startYear)}`;

/** Financial year 1 April – 31 March, labelled '2015/16'. */
export function financialYear(startYear: number): Period {
  const label = fyLabel(startYear);
  return { kind: 'financial year', id: label, label, start: makeMonth(startYear, 4), end: makeMonth(startYear + 1, 3) };
}

/** Strategic-assessment year 1 October – 30 September, labelled 'Oct 2022–Sep 2023'. */
export function strategicAssessmentYear(startYear: number): Period {
  const start = makeMonth(startYear, 10);
  const end = makeMonth(startYear + 1, 9);
  return {
    kind: 'strategic assessment year',
    id: `SA ${fyLabel(startYear)}`,
    label: `${formatMonth(start)}–${formatMonth(end)}`,
    start,
    end,
  };
}

/** Financial quarter: Q1 = Apr–Jun … Q4 = Jan–Mar, labelled '2023/24 Q1'. */
export function financialQuarter(fyStartYear: number, quarter: number): Period {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new RangeError(`quarter must be Q1–Q4 (Q1 = Apr–Jun), got Q${quarter}`);
  const start = addMonths(makeMonth(fyStartYear, 4), (quarter - 1) * 3);
  const label = `${fyLabel(fyStartYear)} Q${quarter}`;
  return { kind: 'quarter', id: label, label, start, end: addMonths(start, 2) };
}

/** The 12 months ending with (and including) a month, labelled '12 months to Mar 2024'. */
export function rolling12Months(endMonth: Month): Period {
  return {
    kind: 'rolling 12 months',
    id: `R12 ${endMonth}`,
    label: `12 months to ${formatMonth(endMonth)}`,
    start: addMonths(endMonth, -11),
    end: endMonth,
  };
}

export function calendarYear(year: number): Period {
  return {
    kind: 'calendar year',
    id: String(year),
    label: String(year),
    start: makeMonth(year, 1),
    end: makeMonth(year, 12),
  };
}

export function singleMonth(month: Month): Period {
  monthParts(month);
  return { kind: 'month', id: month, label: formatMonth(month), start: month, end: month };
}

/** Any run of whole months; an October–September year is a strategic-assessment year. */
export function monthRange(start: Month, end: Month): Period {
  const length = monthIndex(end) - monthIndex(start) + 1;
  if (length < 1) throw new RangeError(`period ends (${end}) before it starts (${start})`);
  const s = monthParts(start);
  if (length === 12 && s.month === 10) return strategicAssessmentYear(s.year);
  if (length === 1) return singleMonth(start);
  return { kind: 'months', id: `${start}..${end}`, label: `${formatMonth(start)}–${formatMonth(end)}`, start, end };
}

export function periodMonths(period: Period): Month[] {
  return monthsBetween(period.start, period.end);
}

export function periodLength(period: Period): number {
  return monthIndex(period.end) - monthIndex(period.start) + 1;
}

/** The same kind of period moved by a number of months. */
function shifted(period: Period, months: number): Period {
  const start = addMonths(period.start, months);
  const end = addMonths(period.end, months);
  const s = monthParts(start);
  switch (period.kind) {
    case 'financial year':
      return financialYear(s.year);
    case 'strategic assessment year':
      return strategicAssessmentYear(s.year);
    case 'quarter': {
      const fyStart = s.month >= 4 ? s.year : s.year - 1;
      return financialQuarter(fyStart, Math.floor(((s.month + 8) % 12) / 3) + 1);
    }
    case 'rolling 12 months':
      return rolling12Months(end);
    case 'calendar year':
      return calendarYear(s.year);
    case 'month':
      return singleMonth(start);
    case 'months':
      return monthRange(start, end);
  }
}

/** The period immediately before, of the same length: 2014/15 for 2015/16, 2023/24 Q4 for 2024/25 Q1. */
export function previousPeriod(period: Period): Period {
  return shifted(period, -periodLength(period));
}

/** The same months a year earlier: 2022/23 Q1 for 2023/24 Q1. */
export function samePeriodLastYear(period: Period): Period {
  return shifted(period, -12);
}

export function containsMonth(period: Period, month: Month): boolean {
  const i = monthIndex(month);
  return i >= monthIndex(period.start) && i <= monthIndex(period.end);
}
