import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/recordAudit.ts';
import type { PlanItemStatus } from '../db/tables/delivery.ts';
import type { DB } from '../db/schema.ts';

/*
 * Changes a person makes to a plan item after import: a status (always with its reason), a dated update, an
 * owner and due date. Each is one transaction with its audit entry; statuses and updates are append-only rows.
 */

export const PLAN_ITEM_STATUSES: readonly PlanItemStatus[] = [
  'not started',
  'on track',
  'at risk',
  'off track',
  'complete',
  'dropped',
];

/** A change refused for a reason the person can act on. Nothing was written. */
export class PlanChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanChangeError';
  }
}

async function itemOrRefuse(trx: Kysely<DB>, itemId: number) {
  const item = await trx.selectFrom('plan_item').select(['id', 'plan_id']).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new PlanChangeError(`there is no plan item ${itemId}`);
  return item;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export async function setItemStatus(
  db: Kysely<DB>,
  actor: AuditActor,
  itemId: number,
  change: { status: string; reason: string },
): Promise<void> {
  const reason = change.reason.trim();
  if (!(PLAN_ITEM_STATUSES as readonly string[]).includes(change.status))
    throw new PlanChangeError(`"${change.status}" is not a status: use one of ${PLAN_ITEM_STATUSES.join(', ')}`);
  // The reason is what a board reads next to a red or a "dropped": a status without one says nothing.
  if (reason === '') throw new PlanChangeError('a status change needs a reason');
  await db.transaction().execute(async (trx) => {
    const item = await itemOrRefuse(trx, itemId);
    await trx
      .insertInto('plan_item_status')
      .values({ item_id: itemId, status: change.status as PlanItemStatus, reason, changed_by: actor.email })
      .execute();
    await recordAudit(trx, {
      action: 'plan.item.status',
      actor,
      subjectType: 'plan_item',
      subjectId: itemId,
      details: { planId: item.plan_id, status: change.status, reason },
    });
  });
}

export async function addItemUpdate(
  db: Kysely<DB>,
  actor: AuditActor,
  itemId: number,
  update: { body: string; onDate: string },
): Promise<void> {
  const body = update.body.trim();
  if (body === '') throw new PlanChangeError('an update needs some text');
  if (!isDate(update.onDate)) throw new PlanChangeError(`"${update.onDate}" is not a date (YYYY-MM-DD)`);
  await db.transaction().execute(async (trx) => {
    const item = await itemOrRefuse(trx, itemId);
    await trx
      .insertInto('plan_item_update')
      .values({ item_id: itemId, on_date: update.onDate, body, written_by: actor.email })
      .execute();
    await recordAudit(trx, {
      action: 'plan.item.update',
      actor,
      subjectType: 'plan_item',
      subjectId: itemId,
      details: { planId: item.plan_id, onDate: update.onDate, length: body.length },
    });
  });
}

export async function assignItem(
  db: Kysely<DB>,
  actor: AuditActor,
  itemId: number,
  owner: { person: string | null; agency: string | null; dueOn: string | null },
): Promise<void> {
  if (owner.dueOn !== null && !isDate(owner.dueOn))
    throw new PlanChangeError(`"${owner.dueOn}" is not a date (YYYY-MM-DD)`);
  await db.transaction().execute(async (trx) => {
    const item = await itemOrRefuse(trx, itemId);
    const before = await trx
      .selectFrom('plan_item')
      .select(['owner_person', 'owner_agency', 'due_on'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('plan_item')
      .set({ owner_person: owner.person, owner_agency: owner.agency, due_on: owner.dueOn })
      .where('id', '=', itemId)
      .execute();
    await recordAudit(trx, {
      action: 'plan.item.assign',
      actor,
      subjectType: 'plan_item',
      subjectId: itemId,
      details: { planId: item.plan_id, before, after: owner },
    });
  });
}
