/*
 * When an entry's personal fields are past their retention: its date plus the register's personalMonths is before
 * today. Adding months keeps the day of the month, or the month's last day when it is shorter (31 January plus one
 * month is 28 or 29 February), so the rule is turned round into one cutoff date the database compares with:
 * an entry dated before the cutoff is past. Pure, so the rule can be worked out by hand in its test.
 */

const daysIn = (year: number, month0: number): number => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

const iso = (year: number, month0: number, day: number): string =>
  new Date(Date.UTC(year, month0, day)).toISOString().slice(0, 10);

/** YYYY-MM-DD plus `months` months, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const year = target.getUTCFullYear();
  const month0 = target.getUTCMonth();
  return iso(year, month0, Math.min(d, daysIn(year, month0)));
}

/**
 * The first date whose personal fields are still kept on `today`: an entry dated before it has
 * date + months < today. Today's day in the month `months` earlier, or, when that month is too short to have it,
 * the first day of the month after (every day of the short month then ends its retention before today).
 */
export function retentionCutoff(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y, m - 1 - months, 1));
  const year = back.getUTCFullYear();
  const month0 = back.getUTCMonth();
  return d <= daysIn(year, month0) ? iso(year, month0, d) : iso(year, month0 + 1, 1);
}
