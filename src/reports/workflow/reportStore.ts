import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { Classification } from '../../db/tables/core.ts';
import { auditReport, checkBlocks, lockReport, moveReport } from './reportLocks.ts';
import { assertAllowed, ReportError, statusAfter } from './reportPolicy.ts';
import { type Narrative, narrativeInput, narrativeSchema, type ReportSummary, toSummary } from './reportRows.ts';

/*
 * The report workflow's storage. Every change is one transaction holding the change, its audit entry and (for a
 * status change) its report_transition row; every refusal is thrown before or during that transaction, which then
 * rolls back, so a refused request leaves no row and no audit entry. The policy (reportPolicy.ts) decides; these
 * functions only apply its answer. Reads are in reportQueries.ts, publishing in reportPublish.ts, comments in
 * reportComments.ts; all are exported from here.
 */

export { getReport, listReports, versionsOf, publicationOf, recommendationsOf } from './reportQueries.ts';
export { publish } from './reportPublish.ts';
export { addComment, resolveComment } from './reportComments.ts';

export interface NewReport {
  title: string;
  templateId: string;
  templateVersion: number;
  areaCode: string;
  period: string;
  compare?: string | null;
  /** Defaults to partnership, the classification most reports carry. */
  classification?: Classification;
  /** Narrative to start from (the template's starter text); version 1 holds it. */
  narrative?: Narrative;
  /** The template's block ids, when the caller has the template: narrative for any other block is refused. */
  blockIds?: readonly string[];
}

/** Creates a draft owned by the creator's agency, with version 1 of its narrative. */
export async function createReport(
  db: Kysely<DB>,
  actor: Actor,
  input: NewReport,
  at = new Date(),
): Promise<ReportSummary> {
  assertAllowed(actor, 'create', null);
  if (input.title.trim() === '') throw new ReportError('VALIDATION', 'a report needs a title');
  const narrative = narrativeInput(input.narrative ?? {});
  checkBlocks(narrative, input.blockIds, input.templateId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('report')
      .values({
        title: input.title.trim(),
        template_id: input.templateId,
        template_version: input.templateVersion,
        area_code: input.areaCode,
        period: input.period,
        compare: input.compare ?? null,
        owning_agency: actor.agency,
        classification: input.classification ?? 'partnership',
        created_by: actor.id,
        created_at: at,
        updated_at: at,
        current_version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('report_version')
      .values({
        report_id: row.id,
        version: 1,
        narrative: JSON.stringify(narrative),
        changed_by: actor.id,
        changed_at: at,
        note: 'created',
      })
      .execute();
    await trx
      .insertInto('report_transition')
      .values({ report_id: row.id, from_status: null, to_status: 'draft', by: actor.id, at })
      .execute();
    const { templateId, templateVersion, areaCode, period } = input;
    await auditReport(
      trx,
      actor,
      'report.create',
      row.id,
      { title: row.title, templateId, templateVersion, areaCode, period },
      at,
    );
    return toSummary(row);
  });
}

export interface NarrativeChange {
  /** Markdown per block; blocks not named keep their text. Every version holds the whole narrative. */
  blocks: Narrative;
  note?: string;
  blockIds?: readonly string[];
  /** The version the editor started from: a save over someone else's later version is refused, not merged. */
  basedOn?: number;
}

/** Saves the narrative as a new version and makes it current. Returns the new version number. */
export async function saveNarrative(
  db: Kysely<DB>,
  actor: Actor,
  reportId: number,
  change: NarrativeChange,
  at = new Date(),
): Promise<number> {
  const blocks = narrativeInput(change.blocks);
  // A version that changes nothing would only make the history longer to read.
  if (Object.keys(blocks).length === 0) throw new ReportError('VALIDATION', 'nothing to save: no block was given');
  return db.transaction().execute(async (trx) => {
    const locked = await lockReport(trx, reportId);
    assertAllowed(actor, 'edit', locked.facts);
    checkBlocks(blocks, change.blockIds, locked.row.template_id);
    const current = locked.row.current_version;
    if (change.basedOn !== undefined && change.basedOn !== current)
      throw new ReportError(
        'INVALID_STATE',
        `report ${reportId} has changed: version ${current} was saved after version ${change.basedOn}, which this edit started from`,
      );
    const version = current + 1;
    const narrative = { ...narrativeSchema.parse(locked.narrative), ...blocks };
    await trx
      .insertInto('report_version')
      .values({
        report_id: reportId,
        version,
        narrative: JSON.stringify(narrative),
        changed_by: actor.id,
        changed_at: at,
        note: change.note ?? '',
      })
      .execute();
    await trx
      .updateTable('report')
      .set({ current_version: version, updated_at: at })
      .where('id', '=', reportId)
      .execute();
    await auditReport(trx, actor, 'report.edit', reportId, { version, blocks: Object.keys(blocks).sort() }, at);
    return version;
  });
}

/** Submit, return or approve (publishing stores the built editions: reportPublish.ts). */
export async function transition(
  db: Kysely<DB>,
  actor: Actor,
  reportId: number,
  action: 'submit' | 'return' | 'approve',
  options: { reason?: string } = {},
  at = new Date(),
): Promise<ReportSummary> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockReport(trx, reportId);
    assertAllowed(actor, action, locked.facts, options);
    const to = statusAfter(action);
    const reason = (options.reason ?? '').trim();
    const row = await moveReport(trx, locked, to, actor, at, reason);
    await auditReport(
      trx,
      actor,
      `report.${action}`,
      reportId,
      { from: locked.row.status, to, version: row.current_version, reason },
      at,
    );
    return toSummary(row);
  });
}
