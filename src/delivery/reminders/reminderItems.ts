import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReminderItem } from './remindersDue.ts';
import { currentStatus, currentWording, lastUpdateOn } from '../itemColumns.ts';

/* The items a reminder may be about (every item with an owner named, in every plan) and the people Safer knows. */

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

export async function reminderItems(db: Kysely<DB>): Promise<ReminderItem[]> {
  const rows = await db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.plan_id', 'p.title', 'i.number', 'i.owner_person', 'i.due_on', 'i.created_at'])
    .select((eb) => [
      currentWording(eb).as('wording'),
      currentStatus(eb).as('status'),
      lastUpdateOn(eb).as('last_update'),
    ])
    .where('i.owner_person', 'is not', null)
    .orderBy('i.plan_id')
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planTitle: r.title,
    number: r.number,
    wording: r.wording ?? '',
    ownerPerson: r.owner_person,
    dueOn: r.due_on === null ? null : String(r.due_on).slice(0, 10),
    status: r.status ?? null,
    lastActivityOn: r.last_update ? String(r.last_update).slice(0, 10) : day(r.created_at),
  }));
}

export async function reminderUsers(db: Kysely<DB>) {
  const users = await db
    .selectFrom('app_user')
    .select(['email', 'display_name'])
    .where('disabled', '=', false)
    .execute();
  return users.map((u) => ({ email: u.email, displayName: u.display_name }));
}
