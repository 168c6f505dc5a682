/**
 * An approximate England school-term calendar, for the after-school profile
 * (docs/formats/synthetic-profiles.md) and the synthetic extracts that follow it. Real term dates differ by a few days
 * between boroughs and academies; a synthetic profile only needs the pattern:
 * weekdays outside the summer, Christmas and Easter holidays, half-terms and
 * bank holidays.
 */
const DAY = 86_400_000;

function utc(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d);
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** The last Monday of a month (the spring bank holiday in May, the October half-term). */
function lastMonday(year: number, month: number): number {
  const last = utc(year, month + 1, 0);
  return last - ((new Date(last).getUTCDay() + 6) % 7) * DAY;
}

/** The first Monday on or after a date. */
function mondayOnOrAfter(year: number, month: number, day: number): number {
  const time = utc(year, month, day);
  return time + ((8 - new Date(time).getUTCDay()) % 7) * DAY;
}

function holidays(year: number): [number, number][] {
  const easter = easterSunday(year);
  const springBank = lastMonday(year, 5);
  const febHalf = mondayOnOrAfter(year, 2, 12);
  const octHalf = lastMonday(year, 10);
  const earlyMay = mondayOnOrAfter(year, 5, 1);
  return [
    [utc(year, 1, 1), utc(year, 1, 3)], // Christmas holiday, second part
    [febHalf, febHalf + 4 * DAY], // February half-term
    [easter - 12 * DAY, easter + 7 * DAY], // Easter holiday: about two weeks around Easter Sunday
    [earlyMay, earlyMay], // early May bank holiday
    [springBank, springBank + 4 * DAY], // May half-term
    [utc(year, 7, 23), utc(year, 9, 2)], // summer holiday
    [octHalf, octHalf + 4 * DAY], // October half-term
    [utc(year, 12, 20), utc(year, 12, 31)], // Christmas holiday, first part
  ];
}

/** True for a weekday in term time. `date` is 'YYYY-MM-DD'. */
export function isSchoolTermWeekday(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  const dow = new Date(time).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  const year = Number(date.slice(0, 4));
  return !holidays(year).some(([from, to]) => time >= from && time <= to);
}
