import type { Period } from '../domain/periods/period.ts';
import type { TargetArea } from './areas.ts';
import type { AnalysisContext } from './context.ts';
import { type CountRow, countByMonth, type GroupKey } from './counts.ts';

/** Counts for the context's definition, source and area over a period, summed over months; records extract dates. */
export async function countIn(
  ctx: AnalysisContext,
  period: Period,
  groupBy: GroupKey = 'none',
  target: TargetArea = ctx.target,
): Promise<CountRow[]> {
  const rows = await countByMonth(ctx.db, {
    spec: ctx.spec,
    target,
    from: period.start,
    to: period.end,
    asOf: ctx.request.asOf,
    groupBy,
  });
  for (const r of rows) ctx.extractDates.add(r.extractDate);
  return rows;
}

export const total = (rows: readonly CountRow[]) => rows.reduce((a, r) => a + r.count, 0);

export function sumByGroup(rows: readonly CountRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.group, (out.get(r.group) ?? 0) + r.count);
  return out;
}

/** The latest extract date among the rows behind a figure; null when there are none. */
export const latestExtract = (rows: readonly CountRow[]) =>
  rows.reduce<string | null>((a, r) => (a === null || r.extractDate > a ? r.extractDate : a), null);
