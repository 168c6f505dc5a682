import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/recordAudit.ts';
import type { Actor } from '../auth/policy.ts';
import type { ImportReviewDecision } from '../db/tables/planEvidence.ts';
import type { DB } from '../db/schema.ts';
import type { DoubtfulMatch } from './import/planDiff.ts';
import { planRefusal } from './planPolicy.ts';
import { auditActorOf, PlanChangeError, PlanRefusedError } from './planStore.ts';

/*
 * A partnership manager's decision on a doubtful match of an import (same number, few words in common):
 * - "same": the reworded item is the same action; nothing in the plan changes, the decision is recorded.
 * - "split": a different action that took the old one's number. Wordings are append-only, so the import's
 *   wording cannot be taken back: a new item is made in the same theme with the new wording, and the old item
 *   gets its earlier wording back as a new version. Updates that came with the import stay on the old item.
 * Either way one plan_import_review row and one audit entry, in one transaction.
 */

export async function reviewDoubtfulMatch(
  db: Kysely<DB>,
  actor: Actor,
  importId: number,
  itemId: number,
  decision: ImportReviewDecision,
): Promise<{ newItemId: number | null }> {
  const refusal = planRefusal(actor, 'review');
  if (refusal !== null) throw new PlanRefusedError(refusal.charAt(0).toUpperCase() + refusal.slice(1));
  if (decision !== 'same' && decision !== 'split') throw new PlanChangeError('Choose "same" or "split"', 'decision');
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('plan_import')
      .select(['id', 'plan_id', 'doubtful'])
      .where('id', '=', importId)
      .executeTakeFirst();
    if (!found) throw new PlanChangeError(`there is no plan import ${importId}`);
    const match = (found.doubtful as DoubtfulMatch[]).find((d) => d.itemId === itemId);
    if (!match) throw new PlanChangeError(`item ${itemId} is not a doubtful match of import ${importId}`);
    const done = await trx
      .selectFrom('plan_import_review')
      .select(['decision', 'reviewed_by'])
      .where('import_id', '=', importId)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    if (done)
      throw new PlanChangeError(
        `this match was already reviewed by ${done.reviewed_by} ("${done.decision}")`,
        'decision',
      );
    const newItemId = decision === 'split' ? await split(trx, actor, importId, itemId) : null;
    await trx
      .insertInto('plan_import_review')
      .values({ import_id: importId, item_id: itemId, decision, new_item_id: newItemId, reviewed_by: actor.email })
      .execute();
    await recordAudit(trx, {
      action: 'plan.import.review',
      actor: auditActorOf(actor),
      subjectType: 'plan_import',
      subjectId: importId,
      details: { review: decision, planId: found.plan_id, itemId, newItemId, number: match.number },
    });
    return { newItemId };
  });
}

async function split(trx: Kysely<DB>, actor: Actor, importId: number, itemId: number): Promise<number> {
  const wordings = await trx
    .selectFrom('plan_item_wording')
    .select(['version', 'wording', 'import_id'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .limit(2)
    .execute();
  const [latest, earlier] = wordings;
  // Only while the import's wording is still the item's latest: otherwise someone has moved on since.
  if (!latest || !earlier || latest.import_id !== importId)
    throw new PlanChangeError("the item's wording has changed since this import, so it cannot be split", 'decision');
  const old = await trx.selectFrom('plan_item').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
  const { id } = await trx
    .insertInto('plan_item')
    .values({
      plan_id: old.plan_id,
      theme_id: old.theme_id,
      parent_item_id: old.parent_item_id,
      match_key: `${old.match_key}|split:${importId}`,
      number: old.number,
      kind: old.kind,
      category: old.category,
      position: old.position,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('plan_item_wording')
    .values({
      item_id: id,
      version: 1,
      old_wording: null,
      wording: latest.wording,
      import_id: importId,
      changed_by: actor.email,
    })
    .execute();
  await trx
    .insertInto('plan_item_wording')
    .values({
      item_id: itemId,
      version: latest.version + 1,
      old_wording: latest.wording,
      wording: earlier.wording,
      import_id: null,
      changed_by: actor.email,
    })
    .execute();
  return id;
}
