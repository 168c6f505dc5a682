import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';

/*
 * Migration 0030 exists so that `series LIKE 'prefix/%'` (every figure query's choice of source) is an index range,
 * not a filter over every slice. The planner is told not to scan the table, so the plan shows whether the prefix
 * became the index's range condition (`~>=~ … ~<~`, PostgreSQL's bytewise bounds) rather than which plan it
 * would choose for the few rows of a test database.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => t?.drop());

describe('current slices by series prefix (migration 0030)', () => {
  it('turns a series prefix into the range of an index scan', async () => {
    const plan = await t.database.db.connection().execute(async (db) => {
      await sql`SET enable_seqscan = off`.execute(db);
      try {
        const { rows } = await sql<{ 'QUERY PLAN': string }>`
          EXPLAIN SELECT DISTINCT month FROM count_slice s
          WHERE s.series LIKE 'mps-borough/%' AND s.superseded_by IS NULL
        `.execute(db);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await sql`RESET enable_seqscan`.execute(db);
      }
    });
    expect(plan).toMatch(/count_slice_by_series_prefix/);
    expect(plan).toMatch(/series ~>=~ 'mps-borough\/'::text\) AND \(series ~<~ 'mps-borough0'::text\)/);
  });
});
