import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { AuditAction } from '../../audit/recordAudit.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { ReportTable } from '../../db/tables/reports.ts';
import { ReportError, type ReportFacts } from './reportPolicy.ts';
import type { Narrative } from './reportRows.ts';

/*
 * What every change of a report does first and last: lock the report's row (two people acting at once are
 * serialised, and the policy is checked against the state the change will apply to), then record the change in
 * the audit log in the same transaction.
 */

export interface LockedReport {
  row: Selectable<ReportTable>;
  facts: ReportFacts;
  narrative: unknown;
}

/** The report's row, locked for the rest of the transaction, with what the policy needs; NOT_FOUND when none. */
export async function lockReport(trx: Kysely<DB>, reportId: number): Promise<LockedReport> {
  const row = await trx.selectFrom('report').selectAll().where('id', '=', reportId).forUpdate().executeTakeFirst();
  if (!row) throw new ReportError('NOT_FOUND', `there is no report ${reportId}`);
  const latest = await trx
    .selectFrom('report_version')
    .select(['changed_by', 'narrative'])
    .where('report_id', '=', reportId)
    .where('version', '=', row.current_version)
    .executeTakeFirstOrThrow();
  return {
    row,
    facts: { id: row.id, status: row.status, latestVersionBy: latest.changed_by },
    narrative: latest.narrative,
  };
}

/** Moves a locked report to `to` and records the move in its status history; returns the updated row. */
export async function moveReport(
  trx: Kysely<DB>,
  locked: LockedReport,
  to: Selectable<ReportTable>['status'],
  actor: Actor,
  at: Date,
  reason = '',
): Promise<Selectable<ReportTable>> {
  const row = await trx
    .updateTable('report')
    .set({ status: to, updated_at: at })
    .where('id', '=', locked.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('report_transition')
    .values({ report_id: locked.row.id, from_status: locked.row.status, to_status: to, by: actor.id, at, reason })
    .execute();
  return row;
}

/** Refuses narrative for blocks the template does not have, naming them. No list given: nothing to check. */
export function checkBlocks(narrative: Narrative, blockIds: readonly string[] | undefined, templateId: string): void {
  if (blockIds === undefined) return;
  const unknown = Object.keys(narrative).filter((id) => !blockIds.includes(id));
  if (unknown.length > 0)
    throw new ReportError(
      'VALIDATION',
      `${unknown.map((id) => `block '${id}'`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in template '${templateId}'`,
    );
}

/** One audit entry about a report, written in the change's transaction. */
export async function auditReport(
  trx: Kysely<DB>,
  actor: Actor,
  action: AuditAction,
  reportId: number,
  details: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await recordAudit(
    trx,
    {
      action,
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'report',
      subjectId: reportId,
      details,
    },
    at,
  );
}
