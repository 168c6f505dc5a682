import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import * as m0015 from './0015_import_partial_months.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const column = async () =>
  (
    await sql<{ data_type: string; is_nullable: string }>`
  SELECT data_type, is_nullable FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = 'import_batch' AND column_name = 'partial_months'`.execute(
      t.database.db,
    )
  ).rows;

describe('migration 0015: months an import left out as partial', () => {
  it('adds a nullable jsonb column to import_batch; batches from before have none; down removes it', async () => {
    expect(await column()).toEqual([{ data_type: 'jsonb', is_nullable: 'YES' }]);
    const db = t.database.db as unknown as Kysely<unknown>;
    await m0015.down(db);
    expect(await column()).toEqual([]);
    await sql`INSERT INTO import_batch (file_name, file_path, sha256, layout, series, extract_date, imported_by)
      VALUES ('before.csv', '/tmp/before.csv', 'x', 'mps-borough-wide', 'mps-borough/ho_aligned', '2024-01-01', 'test')`.execute(
      t.database.db,
    );
    await m0015.up(db);
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select('partial_months')
      .where('file_name', '=', 'before.csv')
      .executeTakeFirstOrThrow();
    expect(batch.partial_months).toBeNull();
  });
});
