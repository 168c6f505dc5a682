/*
 * The clock arithmetic of referrals, without I/O: when triage is due, when a referral is overdue, and how far back
 * a repeat is looked for. Months are calendar months in UTC: 12 months before 2026-03-31 is 2025-03-31, and a day
 * that does not exist in the earlier month falls back to that month's last day (13 months before 2026-03-31 is
 * 2025-02-28).
 */

export const triageDueAt = (createdAt: Date, triageHours: number): Date =>
  new Date(createdAt.getTime() + triageHours * 3600_000);

/** Overdue: still waiting for triage after its due time. */
export const isOverdue = (r: { status: string; triage_due_at: Date | string | null }, now: Date): boolean =>
  r.status === 'awaiting-triage' && r.triage_due_at !== null && new Date(r.triage_due_at).getTime() < now.getTime();

export function monthsBefore(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - months;
  const target = new Date(
    Date.UTC(y, m, 1, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return target;
}

/** The day (YYYY-MM-DD, UTC) a moment falls on. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
