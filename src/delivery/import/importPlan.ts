import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { changesAnything, type DoubtfulMatch, planChanges } from './planDiff.ts';
import { createPlan, storedPlan, writeChanges } from './planImportRows.ts';
import { type ParsedPlan, PlanImportError, type UnplacedLine } from './parsedPlan.ts';
import { type PlanImportKind, readPlanFile } from './readPlanFile.ts';

/*
 * Importing a plan document: parse (pure, before any write), then one transaction that finds the plan (the one
 * named, or the one of that kind and title), works out what changes, records the import and writes, with the
 * audit entry in the same transaction. A file imported before, or one that changes nothing, writes nothing.
 */

export interface PlanImportInput {
  /** The name shown in errors and stored with the import (not a path the database should keep). */
  fileName: string;
  bytes: Uint8Array;
  kind: PlanImportKind;
  /** A later round of this plan; without it, the plan of the same kind and title, or a new one. */
  planId?: number;
  /** The date updates from this file are recorded under, 'YYYY-MM-DD' (today by default). */
  onDate?: string;
}

export interface PlanImportResult {
  outcome: 'created' | 'updated' | 'unchanged';
  planId: number;
  importId: number | null;
  round: number;
  sha256: string;
  themes: number;
  items: number;
  newThemes: number;
  newItems: number;
  rewordings: number;
  newUpdates: number;
  /** Items whose owner or due date the file changed (Safer's template only). */
  reassignments: number;
  /** Items whose status the file changed (Safer's template only). */
  statusChanges: number;
  unplaced: UnplacedLine[];
  doubtful: DoubtfulMatch[];
}

export async function importPlan(db: Kysely<DB>, actor: AuditActor, input: PlanImportInput): Promise<PlanImportResult> {
  const parsed = await readPlanFile(input.bytes, input.fileName, input.kind);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const onDate = input.onDate ?? new Date().toISOString().slice(0, 10);
  const counted = countParsed(parsed);
  return db.transaction().execute(async (trx) => {
    const same = await trx
      .selectFrom('plan_import')
      .select(['plan_id', 'round'])
      .where('kind', '=', parsed.kind)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (same) return unchanged(same.plan_id, same.round, sha256, counted, parsed);
    const plan = await findPlan(trx, input, parsed);
    const stored = plan ? await storedPlan(trx, plan.id) : { themes: new Map(), items: new Map() };
    const changes = planChanges(parsed, stored);
    if (plan && !changesAnything(changes)) return unchanged(plan.id, plan.round, sha256, counted, parsed);
    const round = plan ? plan.round + 1 : 1;
    const planId = plan
      ? (
          await trx
            .updateTable('plan')
            .set({ round })
            .where('id', '=', plan.id)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : await createPlan(trx, actor, parsed, input.fileName, sha256);
    const summary = {
      newThemes: changes.newThemes.length,
      newItems: changes.newItems.length,
      rewordings: changes.rewordings.length,
      newUpdates: changes.newUpdates.length,
      reassignments: changes.reassignments.length,
      statusChanges: changes.statusChanges.length,
      matchedItems: changes.matchedItems,
    };
    const { id: importId } = await trx
      .insertInto('plan_import')
      .values({
        plan_id: planId,
        kind: parsed.kind,
        round,
        file_name: input.fileName,
        sha256,
        imported_by: actor.email,
        summary: JSON.stringify(summary),
        unplaced: JSON.stringify(parsed.unplaced),
        doubtful: JSON.stringify(changes.doubtful),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeChanges(trx, planId, importId, actor.email, onDate, changes, stored);
    const outcome = plan ? 'updated' : 'created';
    await recordAudit(trx, {
      action: 'plan.import',
      actor,
      subjectType: 'plan',
      subjectId: planId,
      details: {
        file: input.fileName,
        sha256,
        kind: parsed.kind,
        round,
        outcome,
        ...summary,
        unplaced: parsed.unplaced.length,
        doubtful: changes.doubtful.length,
      },
    });
    return {
      outcome,
      planId,
      importId,
      round,
      sha256,
      ...counted,
      ...summary,
      unplaced: parsed.unplaced,
      doubtful: changes.doubtful,
    };
  });
}

function countParsed(parsed: ParsedPlan) {
  let items = 0;
  const count = (list: ParsedPlan['themes'][number]['items']): void => {
    for (const i of list) {
      items += 1;
      count(i.children);
    }
  };
  for (const t of parsed.themes) count(t.items);
  return { themes: parsed.themes.length, items };
}

function unchanged(
  planId: number,
  round: number,
  sha256: string,
  counted: { themes: number; items: number },
  parsed: ParsedPlan,
): PlanImportResult {
  return {
    outcome: 'unchanged',
    planId,
    importId: null,
    round,
    sha256,
    ...counted,
    newThemes: 0,
    newItems: 0,
    rewordings: 0,
    newUpdates: 0,
    reassignments: 0,
    statusChanges: 0,
    unplaced: parsed.unplaced,
    doubtful: [],
  };
}

async function findPlan(trx: Kysely<DB>, input: PlanImportInput, parsed: ParsedPlan) {
  if (input.planId !== undefined) {
    const plan = await trx
      .selectFrom('plan')
      .select(['id', 'kind', 'round'])
      .where('id', '=', input.planId)
      .executeTakeFirst();
    if (!plan) throw new PlanImportError(input.fileName, null, `there is no plan ${input.planId}`);
    if (plan.kind !== parsed.kind)
      throw new PlanImportError(input.fileName, null, `plan ${plan.id} is a ${plan.kind} plan, not ${parsed.kind}`);
    return plan;
  }
  return trx
    .selectFrom('plan')
    .select(['id', 'kind', 'round'])
    .where('kind', '=', parsed.kind)
    .where('title', '=', parsed.title)
    .orderBy('id')
    .executeTakeFirst();
}
