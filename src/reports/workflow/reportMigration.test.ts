import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import * as m0017 from '../../db/migrations/0017_reports.ts';
import * as m0018 from '../../db/migrations/0018_report_recommendations.ts';
import { builtReportSchema } from './builtReportSchema.ts';
import { sampleReport } from '../testing/sampleReport.ts';

/* Migrations 0017 (the report tables) and 0018 (recommendations) on the engine the run chose: what up creates, down removes, and up again. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const TABLES = [
  'report',
  'report_comment',
  'report_publication',
  'report_recommendation',
  'report_transition',
  'report_version',
];

const tables = async () =>
  (
    await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name LIKE 'report%' ORDER BY table_name`.execute(t.database.db)
  ).rows.map((r) => r.table_name);

const triggers = async () =>
  (
    await sql<{ name: string }>`SELECT DISTINCT trigger_name AS name FROM information_schema.triggers
      WHERE trigger_schema = current_schema() AND event_object_table LIKE 'report%' ORDER BY 1`.execute(t.database.db)
  ).rows.map((r) => r.name);

const refuseFunction = async () =>
  (
    await sql<{ n: string }>`SELECT count(*) AS n FROM pg_proc WHERE proname = 'report_refuse_change'`.execute(
      t.database.db,
    )
  ).rows[0]?.n;

describe('migrations 0017 and 0018: reports and their recommendations', () => {
  it('creates the six tables, append-only triggers on versions, publications and recommendations; down drops them; up again', async () => {
    expect(await tables()).toEqual(TABLES);
    // information_schema lists row triggers; TRUNCATE triggers are tested in reportStore.test.ts.
    const appendOnly = [
      'report_publication_append_only',
      'report_recommendation_append_only',
      'report_version_append_only',
    ];
    expect(await triggers()).toEqual(appendOnly);
    const db = t.database.db as unknown as Kysely<unknown>;
    await m0018.down(db);
    expect(await tables()).toEqual(TABLES.filter((n) => n !== 'report_recommendation'));
    // 0017 owns the refusing function: 0018's down leaves it for 0017's tables.
    expect(Number(await refuseFunction())).toBe(1);
    await m0017.down(db);
    expect(await tables()).toEqual([]);
    expect(Number(await refuseFunction())).toBe(0);
    await m0017.up(db);
    await m0018.up(db);
    expect(await tables()).toEqual(TABLES);
    expect(await triggers()).toEqual(appendOnly);
    expect(Number(await refuseFunction())).toBe(1);
  });

  it('refuses a status, edition or classification outside the lists', async () => {
    const user = await t.database.db
      .insertInto('app_user')
      .values({ email: 'a@example.org', agency_code: 'police', role: 'analyst', password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const insert = (status: string, classification: string) =>
      sql`INSERT INTO report (title, template_id, template_version, area_code, period, status, owning_agency,
        classification, created_by) VALUES ('t', 'sna', 1, 'E09000030', '2023/24', ${status}, 'police',
        ${classification}, ${user.id})`.execute(t.database.db);
    await expect(insert('archived', 'partnership')).rejects.toThrow(/check constraint/);
    await expect(insert('draft', 'secret')).rejects.toThrow(/check constraint/);
    await expect(insert('draft', 'restricted')).resolves.toBeDefined();
  });
});

describe('the published report read back', () => {
  it('parses the sample built report unchanged (the zod twin matches the model)', () => {
    const built = sampleReport('public');
    expect(builtReportSchema.parse(JSON.parse(JSON.stringify(built)))).toEqual(built);
    expect(builtReportSchema.safeParse({ ...built, edition: 'draft' }).success).toBe(false);
  });
});
