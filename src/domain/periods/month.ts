/** A calendar month as 'YYYY-MM'. The database stores months as 'YYYY-MM-01' dates: see monthToDate. */
export type Month = string;

export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
const FULL_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function makeMonth(year: number, month: number): Month {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`month ${month} does not exist (use 1–12)`);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw new RangeError(`year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function monthParts(month: Month): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`"${month}" is not a month (expected YYYY-MM)`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** Months since year 0: makes differences and shifts simple arithmetic. */
export function monthIndex(month: Month): number {
  const p = monthParts(month);
  return p.year * 12 + p.month - 1;
}

export function monthFromIndex(index: number): Month {
  return makeMonth(Math.floor(index / 12), (index % 12) + 1);
}

export function addMonths(month: Month, count: number): Month {
  return monthFromIndex(monthIndex(month) + count);
}

/** 'Mar 2024'. */
export function formatMonth(month: Month): string {
  const p = monthParts(month);
  return `${MONTH_NAMES[p.month - 1]} ${p.year}`;
}

/** 'YYYY-MM-01', as months are stored. */
export function monthToDate(month: Month): string {
  return `${month}-01`;
}

/** 28–31: the days of a month. */
export function daysInMonth(month: Month): number {
  const { year, month: m } = monthParts(month);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' of the month's last day: where a period of whole months ends. */
export function lastDayOf(month: Month): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** 1–12 for 'mar', 'March', 'sept'…; null when the word is not a month name. */
export function monthNumberFromName(name: string): number | null {
  const word = name.toLowerCase().replace(/\.$/, '');
  if (word.length < 3) return null;
  const i = FULL_NAMES.findIndex((full) => full.startsWith(word) || (word === 'sept' && full === 'september'));
  return i === -1 ? null : i + 1;
}

/** Every month from start to end inclusive. */
export function monthsBetween(start: Month, end: Month): Month[] {
  const from = monthIndex(start);
  const to = monthIndex(end);
  if (to < from) throw new RangeError(`period ends (${end}) before it starts (${start})`);
  return Array.from({ length: to - from + 1 }, (_, i) => monthFromIndex(from + i));
}
