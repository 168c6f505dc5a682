/*
 * Date arithmetic for cases on 'YYYY-MM-DD' days (UTC), pure. A retention period in years from 29 February
 * ends on 28 February in a year without one (the period never runs past the anniversary).
 */

const toUtc = (day: string): Date => new Date(`${day}T00:00:00Z`);
const dayText = (d: Date): string => d.toISOString().slice(0, 10);

export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const lastOfMonth = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

export const addDays = (day: string, days: number): string =>
  dayText(new Date(toUtc(day).getTime() + days * 86_400_000));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);

/** The retention date of a case closed on `closedOn` with `outcome`, by the panel's retention rule. */
export function retentionDate(
  closedOn: string,
  outcome: string | null,
  rule: { defaultYears: number; byOutcome: Record<string, number> },
): string {
  const years = (outcome !== null ? rule.byOutcome[outcome] : undefined) ?? rule.defaultYears;
  return addYears(closedOn, years);
}
