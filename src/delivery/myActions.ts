import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { itemRowsQuery, type PlanItemRow, toItemRow } from './itemQueries.ts';
import { CLOSED_STATUSES, daysBetween } from './overdue.ts';
import { mayChangeItem } from './planPolicy.ts';

/*
 * A person's plan work for "my actions": the open items they own by name (owner_person is their email or
 * display name, as typed when the item was assigned), and, for those who may update their agency's items, the
 * agency's open items whose update is due: past their due date, or with no update in the last 90 days.
 */

/** An agency's update is due when its latest is older than this. */
export const UPDATE_EVERY_DAYS = 90;

export type DueItem = PlanItemRow & { why: string[] };

export interface MyPlanActions {
  owned: DueItem[];
  updatesDue: DueItem[];
}

/** Why an open item needs attention on `today` (none when it does not). */
export function dueReasons(item: PlanItemRow, today: string): string[] {
  const why: string[] = [];
  if (item.dueOn !== null && item.dueOn < today) why.push(`overdue by ${daysBetween(item.dueOn, today)} days`);
  if (item.lastUpdateOn === null) why.push('no update yet');
  else if (daysBetween(item.lastUpdateOn, today) > UPDATE_EVERY_DAYS) why.push(`no update since ${item.lastUpdateOn}`);
  return why;
}

export async function myPlanActions(db: Kysely<DB>, actor: Actor, today: string): Promise<MyPlanActions> {
  const user = await db.selectFrom('app_user').select('display_name').where('id', '=', actor.id).executeTakeFirst();
  const names = [actor.email, user?.display_name ?? ''].map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
  // Partnership managers may update every item: their list is the overdue page, not every agency's items here.
  const agencyWork = actor.role !== 'partnership_manager' && mayChangeItem(actor, { ownerAgency: actor.agency });
  // Both lists from one query (in the query's order, which ends on the id): each row says in SQL, as each list's
  // own query asked, whether it is owned by name and whether it is the agency's.
  const rows = await itemRowsQuery(db)
    .select((eb) => [
      eb(eb.fn('lower', ['i.owner_person']), 'in', names).as('by_name'),
      eb('i.owner_agency', '=', actor.agency).as('by_agency'),
    ])
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['i.owner_person']), 'in', names),
        ...(agencyWork ? [eb('i.owner_agency', '=', actor.agency)] : []),
      ]),
    )
    .execute();
  const open = (wanted: typeof rows) =>
    wanted
      .map(toItemRow)
      .filter((r) => !CLOSED_STATUSES.includes(r.status))
      .map((r) => ({ ...r, why: dueReasons(r, today) }));
  const owned = open(rows.filter((r) => r.by_name === true));
  const updatesDue = agencyWork ? open(rows.filter((r) => r.by_agency === true)).filter((r) => r.why.length > 0) : [];
  return { owned, updatesDue };
}
