import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { itemRowsQuery, type PlanItemRow, toItemRow } from './itemQueries.ts';

/*
 * The partnership manager's overdue list: items past their due date whose status in force is neither complete
 * nor dropped, by owning agency, most overdue first. `today` is passed in ('YYYY-MM-DD') so the list is the
 * same for the same day whoever asks, and tests can fix it.
 */

export const CLOSED_STATUSES: readonly string[] = ['complete', 'dropped'];

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export type OverdueItem = PlanItemRow & { daysOverdue: number };

export interface OverdueGroup {
  /** The owning agency's code, null for items with no owner agency. */
  agency: string | null;
  items: OverdueItem[];
}

export function overdueOf(rows: readonly PlanItemRow[], today: string): OverdueItem[] {
  return rows
    .filter((r) => r.dueOn !== null && r.dueOn < today && !CLOSED_STATUSES.includes(r.status))
    .map((r) => ({ ...r, daysOverdue: daysBetween(r.dueOn as string, today) }));
}

export async function overdueItems(db: Kysely<DB>, today: string): Promise<OverdueGroup[]> {
  const rows = (await itemRowsQuery(db).where('i.due_on', '<', today).execute()).map(toItemRow);
  const groups = new Map<string | null, OverdueItem[]>();
  for (const item of overdueOf(rows, today))
    groups.set(item.ownerAgency, [...(groups.get(item.ownerAgency) ?? []), item]);
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([agency, items]) => ({ agency, items: items.sort((x, y) => y.daysOverdue - x.daysOverdue || x.id - y.id) }));
}
