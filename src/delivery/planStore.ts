import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/recordAudit.ts';
import type { Actor } from '../auth/policy.ts';
import type { PlanItemStatus } from '../db/tables/delivery.ts';
import type { DB } from '../db/schema.ts';
import { checkEvidenceFile, checkEvidenceLinks } from './evidence.ts';
import { type PlanAction, planRefusal } from './planPolicy.ts';

/*
 * Changes a person makes to a plan item after import: a status (always with its reason), a dated update with its
 * evidence, an owner and due date, a new wording. Each checks the plan rules (planPolicy) against the item as
 * stored, then writes in one transaction with its audit entry; statuses, updates, evidence and wordings are
 * append-only rows. A refusal writes nothing.
 */

export const PLAN_ITEM_STATUSES: readonly PlanItemStatus[] = [
  'not started',
  'on track',
  'at risk',
  'off track',
  'complete',
  'dropped',
];

/** A change refused for a reason the person can act on, naming the form field when there is one. Nothing was written. */
export class PlanChangeError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'PlanChangeError';
  }
}

/** A change the plan rules do not allow this person; the message names the rule. Nothing was written. */
export class PlanRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanRefusedError';
  }
}

export const auditActorOf = (actor: Actor): AuditActor => ({
  userId: actor.id,
  email: actor.email,
  agency: actor.agency,
});

/** The item, once the rules allow `action` on it; else the refusal. */
export async function itemFor(trx: Kysely<DB>, actor: Actor, itemId: number, action: PlanAction) {
  const item = await trx
    .selectFrom('plan_item')
    .select(['id', 'plan_id', 'owner_person', 'owner_agency', 'due_on'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new PlanChangeError(`there is no plan item ${itemId}`);
  const refusal = planRefusal(actor, action, { ownerAgency: item.owner_agency });
  if (refusal !== null) throw new PlanRefusedError(refusal.charAt(0).toUpperCase() + refusal.slice(1));
  return item;
}

export const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export async function setItemStatus(
  db: Kysely<DB>,
  actor: Actor,
  itemId: number,
  change: { status: string; reason: string },
): Promise<void> {
  const reason = change.reason.trim();
  if (!(PLAN_ITEM_STATUSES as readonly string[]).includes(change.status))
    throw new PlanChangeError(
      `"${change.status}" is not a status: use one of ${PLAN_ITEM_STATUSES.join(', ')}`,
      'status',
    );
  // The reason is what a board reads next to a red or a "dropped": a status without one says nothing.
  if (reason === '') throw new PlanChangeError('a status change needs a reason', 'reason');
  await db.transaction().execute(async (trx) => {
    const item = await itemFor(trx, actor, itemId, 'status');
    await trx
      .insertInto('plan_item_status')
      .values({ item_id: itemId, status: change.status as PlanItemStatus, reason, changed_by: actor.email })
      .execute();
    await recordAudit(trx, {
      action: 'plan.item.status',
      actor: auditActorOf(actor),
      subjectType: 'plan_item',
      subjectId: itemId,
      details: { planId: item.plan_id, status: change.status, reason },
    });
  });
}

export interface NewUpdate {
  body: string;
  onDate: string;
  /** Web addresses (http or https). */
  links?: readonly string[];
  /** Files as uploaded: checked here by extension and first bytes. */
  files?: readonly { fileName: string; content: Buffer }[];
}

/** Adds a dated update with its evidence; returns the update's id. */
export async function addItemUpdate(db: Kysely<DB>, actor: Actor, itemId: number, update: NewUpdate): Promise<number> {
  const body = update.body.trim();
  if (body === '') throw new PlanChangeError('an update needs some text', 'body');
  if (!isDate(update.onDate)) throw new PlanChangeError(`"${update.onDate}" is not a date (YYYY-MM-DD)`, 'onDate');
  const links = checkEvidenceLinks((update.links ?? []).join('\n'));
  const files = (update.files ?? []).map((f) => checkEvidenceFile(f.fileName, f.content));
  return db.transaction().execute(async (trx) => {
    const item = await itemFor(trx, actor, itemId, 'update');
    const { id } = await trx
      .insertInto('plan_item_update')
      .values({ item_id: itemId, on_date: update.onDate, body, written_by: actor.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const url of links)
      await trx
        .insertInto('plan_update_evidence')
        .values({ update_id: id, kind: 'link', url, added_by: actor.email })
        .execute();
    for (const f of files)
      await trx
        .insertInto('plan_update_evidence')
        .values({
          update_id: id,
          kind: 'file',
          file_name: f.fileName,
          media_type: f.mediaType,
          content: f.content,
          sha256: f.sha256,
          size_bytes: f.content.length,
          added_by: actor.email,
        })
        .execute();
    await recordAudit(trx, {
      action: 'plan.item.update',
      actor: auditActorOf(actor),
      subjectType: 'plan_item',
      subjectId: itemId,
      details: {
        planId: item.plan_id,
        updateId: id,
        onDate: update.onDate,
        length: body.length,
        links,
        files: files.map((f) => ({ name: f.fileName, sha256: f.sha256, bytes: f.content.length })),
      },
    });
    return id;
  });
}

export async function assignItem(
  db: Kysely<DB>,
  actor: Actor,
  itemId: number,
  owner: { person: string | null; agency: string | null; dueOn: string | null },
): Promise<void> {
  if (owner.dueOn !== null && !isDate(owner.dueOn))
    throw new PlanChangeError(`"${owner.dueOn}" is not a date (YYYY-MM-DD)`, 'dueOn');
  await db.transaction().execute(async (trx) => {
    const item = await itemFor(trx, actor, itemId, 'assign');
    if (owner.agency !== null) {
      const known = await trx.selectFrom('agency').select('code').where('code', '=', owner.agency).executeTakeFirst();
      if (!known) throw new PlanChangeError(`"${owner.agency}" is not an agency`, 'agency');
    }
    await trx
      .updateTable('plan_item')
      .set({ owner_person: owner.person, owner_agency: owner.agency, due_on: owner.dueOn })
      .where('id', '=', itemId)
      .execute();
    const before = {
      person: item.owner_person,
      agency: item.owner_agency,
      dueOn: item.due_on === null ? null : String(item.due_on).slice(0, 10),
    };
    await recordAudit(trx, {
      action: 'plan.item.assign',
      actor: auditActorOf(actor),
      subjectType: 'plan_item',
      subjectId: itemId,
      details: { planId: item.plan_id, before, after: owner },
    });
  });
}
