import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { addMonths, type Month } from '../../../domain/periods/month.ts';
import { parseQuarter, quarterOf, QuarterLabelError } from '../../../domain/performance/indicatorPeriods.ts';

/** The month a date falls in, 'YYYY-MM'. */
const monthOf = (d: Date): Month => d.toISOString().slice(0, 7);

/** The last quarter that has ended by `now`: the one a scorecard or a new return is usually about. */
export const lastEndedQuarter = (now: Date) => quarterOf(addMonths(monthOf(now), -3)).label;

/** Quarters with returns, newest first. */
export async function returnQuarters(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('performance_return')
    .select(['quarter', 'period_start'])
    .distinct()
    .orderBy('period_start', 'desc')
    .execute();
  return [...new Set(rows.map((r) => r.quarter))];
}

/**
 * The quarters a filter offers: every quarter with returns and the eight up to the last ended one, newest first.
 * The default is the newest quarter with returns (what the partnership is working on), else the last ended one.
 */
export async function quarterChoices(db: Kysely<DB>, now: Date): Promise<{ quarters: string[]; latest: string }> {
  const withReturns = await returnQuarters(db);
  const last = parseQuarter(lastEndedQuarter(now));
  const recent = Array.from({ length: 8 }, (_, i) => quarterOf(addMonths(last.end, -3 * i)));
  const all = new Map<string, string>(recent.map((q) => [q.label, q.start]));
  for (const label of withReturns) all.set(label, parseQuarter(label).start);
  const quarters = [...all].sort((a, b) => b[1].localeCompare(a[1])).map(([label]) => label);
  return { quarters, latest: withReturns[0] ?? last.label };
}

/** A quarter label as typed, normalised ('2025/26 q3' → '2025/26 Q3'), or null when it is not one. */
export function readQuarter(text: string): string | null {
  try {
    return parseQuarter(text).label;
  } catch (error) {
    if (error instanceof QuarterLabelError) return null;
    throw error;
  }
}
