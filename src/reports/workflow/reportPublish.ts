import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { ReportEdition } from '../../db/tables/reports.ts';
import type { BuiltReport } from '../builtReport.ts';
import { findRecommendations } from '../narrative/recommendations.ts';
import { builtReportSchema } from './builtReportSchema.ts';
import { auditReport, lockReport, moveReport } from './reportLocks.ts';
import { assertAllowed, ReportError, statusAfter } from './reportPolicy.ts';
import { asOfSchema, type ReportSummary, toSummary } from './reportRows.ts';

/** One edition as built for publishing: the report and the date each block's figures were answered "as of". */
export interface EditionToPublish {
  built: BuiltReport;
  asOf: Record<string, string>;
}

const EDITIONS = ['internal', 'public'] as const satisfies readonly ReportEdition[];

/** Refuses an edition that is not what it says it is, before anything is written. */
function checkEdition(reportId: number, edition: ReportEdition, given: EditionToPublish): void {
  if (!builtReportSchema.safeParse(given.built).success)
    throw new ReportError('VALIDATION', `the ${edition} edition of report ${reportId} is not a built report`);
  if (given.built.edition !== edition)
    throw new ReportError(
      'VALIDATION',
      `the ${edition} edition of report ${reportId} was built as the ${given.built.edition} edition`,
    );
  const asOf = asOfSchema.safeParse(given.asOf);
  if (!asOf.success) {
    const block = String(asOf.error.issues[0]?.path[0] ?? '');
    throw new ReportError('VALIDATION', `block '${block}': the "as of" date must be YYYY-MM-DD`);
  }
}

/**
 * Publishes the current (approved) version: both editions stored with the transition and the audit entry in one
 * transaction, so a report is never published with one edition missing. Its recommendations are stored in the same
 * transaction, one row each, for the delivery plan to track. Publications and recommendations are append-only in
 * the database (migrations 0017, 0018): what was published stays as published.
 */
export async function publish(
  db: Kysely<DB>,
  actor: Actor,
  reportId: number,
  editions: Record<ReportEdition, EditionToPublish>,
  at = new Date(),
): Promise<ReportSummary> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockReport(trx, reportId);
    assertAllowed(actor, 'publish', locked.facts);
    for (const edition of EDITIONS) checkEdition(reportId, edition, editions[edition]);
    const version = locked.row.current_version;
    await trx
      .insertInto('report_publication')
      .values(
        EDITIONS.map((edition) => ({
          report_id: reportId,
          version,
          edition,
          built: JSON.stringify(editions[edition].built),
          as_of: JSON.stringify(editions[edition].asOf),
          published_by: actor.id,
          published_at: at,
        })),
      )
      .execute();
    // From the internal edition: disclosure control touches figures, not words, and the internal edition is the
    // one the partnership approved in full.
    const recommendations = findRecommendations(editions.internal.built);
    if (recommendations.length > 0)
      await trx
        .insertInto('report_recommendation')
        .values(
          recommendations.map((r) => ({
            report_id: reportId,
            number: r.number,
            theme: r.theme,
            text: r.text,
            block_id: r.block,
            published_version: version,
            created_at: at,
          })),
        )
        .execute();
    const to = statusAfter('publish');
    const row = await moveReport(trx, locked, to, actor, at);
    await auditReport(
      trx,
      actor,
      'report.publish',
      reportId,
      { from: locked.row.status, to, version, editions: EDITIONS, recommendations: recommendations.length },
      at,
    );
    return toSummary(row);
  });
}
