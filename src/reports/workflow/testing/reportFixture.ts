import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Actor, Role } from '../../../auth/policy.ts';
import { actorOf, insertUser } from '../../../auth/users.ts';
import type { DB } from '../../../db/schema.ts';
import { ReportError, type ReportErrorCode } from '../reportPolicy.ts';

/** The people of the workflow tests: two of each writing role, so separation of duties can be tested. */
export type Cast = Record<
  'analyst' | 'analyst2' | 'manager' | 'manager2' | 'dataOwner' | 'viewer' | 'administrator',
  Actor
>;

export async function insertCast(db: Kysely<DB>): Promise<Cast> {
  const person = async (name: string, role: Role, agency: string) =>
    actorOf(await insertUser(db, { email: `${name}@example.org`, agency, role, password: null }));
  return {
    analyst: await person('analyst', 'analyst', 'local_authority'),
    analyst2: await person('analyst2', 'analyst', 'police'),
    manager: await person('manager', 'partnership_manager', 'local_authority'),
    manager2: await person('manager2', 'partnership_manager', 'police'),
    dataOwner: await person('owner', 'data_owner', 'police'),
    viewer: await person('viewer', 'viewer', 'probation'),
    administrator: await person('admin', 'administrator', 'local_authority'),
  };
}

/** Everything a refused request could have changed: row counts, statuses, versions, resolutions, the audit log. */
async function snapshot(db: Kysely<DB>): Promise<unknown> {
  const counts = await sql<Record<string, string>>`SELECT
      (SELECT count(*) FROM report) AS reports,
      (SELECT count(*) FROM report_version) AS versions,
      (SELECT count(*) FROM report_comment) AS comments,
      (SELECT count(*) FROM report_comment WHERE resolved_at IS NOT NULL) AS resolved,
      (SELECT count(*) FROM report_publication) AS publications,
      (SELECT count(*) FROM report_recommendation) AS recommendations,
      (SELECT count(*) FROM report_transition) AS transitions,
      (SELECT count(*) FROM audit_log) AS audit`.execute(db);
  const reports = await db
    .selectFrom('report')
    .select(['id', 'status', 'current_version', 'updated_at'])
    .orderBy('id')
    .execute();
  return { counts: counts.rows, reports };
}

/** Expects `attempt` to be refused with `code` (and `message`, when given) and to leave the database as it was. */
export async function expectRefusedWithoutChange(
  db: Kysely<DB>,
  attempt: () => Promise<unknown>,
  code: ReportErrorCode,
  message?: string,
): Promise<void> {
  const before = await snapshot(db);
  const error = await attempt().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportError);
  if (error instanceof ReportError) {
    expect(error.code).toBe(code);
    if (message !== undefined) expect(error.message).toBe(message);
  }
  expect(await snapshot(db)).toEqual(before);
}

/** The audit actions recorded about one report, oldest first. */
export async function auditActionsOf(db: Kysely<DB>, reportId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .where('subject_type', '=', 'report')
    .where('subject_id', '=', String(reportId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}
