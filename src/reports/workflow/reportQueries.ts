import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { ReportEdition, ReportStatus } from '../../db/tables/reports.ts';
import { assertAllowed, ReportError, roleRefusal } from './reportPolicy.ts';
import {
  type ReportComment,
  type ReportPublication,
  type ReportRecommendation,
  type ReportSummary,
  type ReportTransition,
  type ReportVersion,
  toComment,
  toPublication,
  toRecommendation,
  toSummary,
  toTransition,
  toVersion,
} from './reportRows.ts';

/** A report as its pages show it: the current narrative, every comment, the status history. */
export interface ReportDetail {
  report: ReportSummary;
  current: ReportVersion;
  /** Oldest first, resolved ones included (a page can hide them). */
  comments: ReportComment[];
  /** Oldest first, from the creation row on. */
  history: ReportTransition[];
  /** The editions published, if any. */
  published: ReportEdition[];
}

/** The report's row after the read check; NOT_FOUND when there is none. */
async function readable(db: Kysely<DB>, actor: Actor, reportId: number): Promise<ReportSummary> {
  const forbidden = roleRefusal(actor, 'read');
  if (forbidden) throw forbidden;
  const row = await db.selectFrom('report').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!row) throw new ReportError('NOT_FOUND', `there is no report ${reportId}`);
  const summary = toSummary(row);
  // The version's author does not matter for reading.
  assertAllowed(actor, 'read', { id: summary.id, status: summary.status, latestVersionBy: 0 });
  return summary;
}

export async function getReport(db: Kysely<DB>, actor: Actor, reportId: number): Promise<ReportDetail> {
  const report = await readable(db, actor, reportId);
  const [current, comments, history, published] = await Promise.all([
    db
      .selectFrom('report_version')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('version', '=', report.currentVersion)
      .executeTakeFirstOrThrow(),
    db.selectFrom('report_comment').selectAll().where('report_id', '=', reportId).orderBy('id').execute(),
    db.selectFrom('report_transition').selectAll().where('report_id', '=', reportId).orderBy('id').execute(),
    db
      .selectFrom('report_publication')
      .select('edition')
      .where('report_id', '=', reportId)
      .orderBy('edition')
      .execute(),
  ]);
  return {
    report,
    current: toVersion(current),
    comments: comments.map(toComment),
    history: history.map(toTransition),
    published: published.map((p) => p.edition),
  };
}

/**
 * The reports an actor may read, latest change first. For now every signed-in member but administrators reads
 * every report, whatever its agency or classification: reports hold aggregate figures already released to the
 * partnership. A decision to revisit once a report can carry restricted figures: then filter by classification
 * and agency as policy.ts's readScope does for data.
 */
export async function listReports(
  db: Kysely<DB>,
  actor: Actor,
  filter: { status?: ReportStatus } = {},
): Promise<ReportSummary[]> {
  const forbidden = roleRefusal(actor, 'read');
  if (forbidden) throw forbidden;
  let query = db.selectFrom('report').selectAll();
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toSummary);
}

/** Every saved version of the narrative, oldest first, with who saved it and when. */
export async function versionsOf(db: Kysely<DB>, actor: Actor, reportId: number): Promise<ReportVersion[]> {
  await readable(db, actor, reportId);
  const rows = await db
    .selectFrom('report_version')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('version')
    .execute();
  return rows.map(toVersion);
}

/** A published edition as stored; NOT_FOUND when the report has not been published. */
export async function publicationOf(
  db: Kysely<DB>,
  actor: Actor,
  reportId: number,
  edition: ReportEdition,
): Promise<ReportPublication> {
  await readable(db, actor, reportId);
  const row = await db
    .selectFrom('report_publication')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('edition', '=', edition)
    .executeTakeFirst();
  if (!row) throw new ReportError('NOT_FOUND', `report ${reportId} has no published ${edition} edition`);
  return toPublication(row);
}

/** The recommendations stored when the report was published, by number; none before publication. */
export async function recommendationsOf(
  db: Kysely<DB>,
  actor: Actor,
  reportId: number,
): Promise<ReportRecommendation[]> {
  await readable(db, actor, reportId);
  const rows = await db
    .selectFrom('report_recommendation')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('number')
    .execute();
  return rows.map(toRecommendation);
}
