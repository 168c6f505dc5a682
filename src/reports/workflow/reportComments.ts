import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { auditReport, lockReport } from './reportLocks.ts';
import { assertAllowed, ReportError } from './reportPolicy.ts';
import { type ReportComment, toComment } from './reportRows.ts';

/*
 * Reviewers' comments on a block of a report: added to the current version while the report is a draft or in
 * review, resolved later. Each change is one transaction with its audit entry (see reportStore.ts).
 */

/** A comment on one block of the current version. */
export async function addComment(
  db: Kysely<DB>,
  actor: Actor,
  reportId: number,
  comment: { blockId: string; body: string; blockIds?: readonly string[] },
  at = new Date(),
): Promise<ReportComment> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockReport(trx, reportId);
    assertAllowed(actor, 'comment', locked.facts);
    if (comment.blockIds !== undefined && !comment.blockIds.includes(comment.blockId))
      throw new ReportError('VALIDATION', `block '${comment.blockId}' is not in template '${locked.row.template_id}'`);
    const body = comment.body.trim();
    if (body === '') throw new ReportError('VALIDATION', `the comment on block '${comment.blockId}' is empty`);
    const row = await trx
      .insertInto('report_comment')
      .values({
        report_id: reportId,
        version: locked.row.current_version,
        block_id: comment.blockId,
        author: actor.id,
        body,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditReport(
      trx,
      actor,
      'report.comment',
      reportId,
      { commentId: row.id, blockId: row.block_id, version: row.version },
      at,
    );
    return toComment(row);
  });
}

/** Marks a comment dealt with. Audited as a comment action (details.resolved), not an edit. */
export async function resolveComment(db: Kysely<DB>, actor: Actor, commentId: number, at = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Locked, so that of two people resolving it at once the second is told it is already resolved.
    const comment = await trx
      .selectFrom('report_comment')
      .selectAll()
      .where('id', '=', commentId)
      .forUpdate()
      .executeTakeFirst();
    if (!comment) throw new ReportError('NOT_FOUND', `there is no comment ${commentId}`);
    const locked = await lockReport(trx, comment.report_id);
    assertAllowed(actor, 'resolve', locked.facts);
    if (comment.resolved_at !== null)
      throw new ReportError('INVALID_STATE', `the comment on block '${comment.block_id}' is already resolved`);
    await trx
      .updateTable('report_comment')
      .set({ resolved_at: at, resolved_by: actor.id })
      .where('id', '=', commentId)
      .execute();
    await auditReport(
      trx,
      actor,
      'report.comment',
      comment.report_id,
      { resolved: commentId, blockId: comment.block_id },
      at,
    );
  });
}
