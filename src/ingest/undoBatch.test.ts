import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest, sumCounts } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import { undoImportBatch, UndoRefusedError } from './undoBatch.ts';

const TH = 'E09000030';
const FY1617 = { seriesPrefix: 'mps-borough/ho_aligned', areaCode: TH, from: '2016-04-01', to: '2017-03-01' };
let t: TestDb;

/** Every current slice (key → batch) and the grand total of current counts: "the figures". */
async function figures() {
  const slices = await sql<{ k: string }>`
    SELECT series || '|' || area_code || '|' || month::text || '|' || scope || '|' || batch_id AS k
    FROM count_slice WHERE superseded_by IS NULL ORDER BY 1`.execute(t.database.db);
  const total = await sql<{ n: number }>`
    SELECT coalesce(sum(c.value), 0)::int8 AS n FROM crime_count c JOIN count_slice s ON s.id = c.slice_id WHERE s.superseded_by IS NULL`.execute(
    t.database.db,
  );
  return { slices: slices.rows.map((r) => r.k), total: Number(total.rows[0]!.n) };
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('undoImportBatch', () => {
  it('returns every figure to what it was before a later extract was imported', async () => {
    const first = await importForTest(t.database, testData('mps/borough/MPS Borough Level Crime (Historical).csv'));
    expect(first.status).toBe('imported');
    const before = await figures();
    // FY2016/17 for Tower Hamlets in the 2023 extract, summed by hand (see mpsWideLayouts.test.ts): 30,316.
    expect(await sumCounts(t.database, FY1617)).toBe(30316);

    const second = await importForTest(t.database, testData('mps/borough/recorded-crime-borough-historical.csv'));
    expect(second.status).toBe('imported');
    // python over both files: each file's non-zero cells grouped by (borough, month), one revision slice each. Of the
    // 2026 extract's 5,523 slices, 170 are months the 2023 one lacks (4,635 counts), 2 are identical (14 counts) and
    // 5,351 differ (141,769 counts).
    expect([second.imported, second.unchanged, second.replaced]).toEqual([4635, 14, 141769]);
    expect(await sumCounts(t.database, FY1617)).toBe(30321); // the 2026 extract's late recording

    const outcome = await t.database.bulkTransaction((trx) => undoImportBatch(trx, second.batchId!));
    // The 5,351 slices it replaced come back; its 5,521 stored slices (5,523 less the 2 identical ones, never stored) go.
    expect(outcome).toMatchObject({ slicesRestored: 5351, slicesRemoved: 5521 });
    expect(await sumCounts(t.database, FY1617)).toBe(30316);
    expect(await figures()).toEqual(before);
    const status = await t.database.db
      .selectFrom('import_batch')
      .select('status')
      .where('id', '=', second.batchId!)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('undone');
    const left = await t.database.db
      .selectFrom('count_slice')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', '=', second.batchId!)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    // Nothing dangles: no slice is left superseded by the undone batch.
    const dangling = await t.database.db
      .selectFrom('count_slice')
      .select('id')
      .where('superseded_by', '=', second.batchId!)
      .execute();
    expect(dangling).toHaveLength(0);
  });

  it('refuses to undo an earlier batch while a later one of the series relies on it, then undoes both in reverse order', async () => {
    const again = await importForTest(t.database, testData('mps/borough/recorded-crime-borough-historical.csv'));
    expect(again.status).toBe('imported'); // an undone file may be imported again
    const firstId = (
      await t.database.db.selectFrom('import_batch').select('id').orderBy('id').executeTakeFirstOrThrow()
    ).id;
    const before = await figures();
    await expect(t.database.bulkTransaction((trx) => undoImportBatch(trx, firstId))).rejects.toThrow(
      `undo import batch ${again.batchId} first: it was imported later into the same series (mps-borough/ho_aligned) and may rely on figures from batch ${firstId}`,
    );
    expect(await figures()).toEqual(before);
    await t.database.bulkTransaction((trx) => undoImportBatch(trx, again.batchId!));
    await t.database.bulkTransaction((trx) => undoImportBatch(trx, firstId));
    expect(await figures()).toEqual({ slices: [], total: 0 });
  });

  it('refuses a batch that holds rows kept by batch rather than in slices (reference data)', async () => {
    const b = await t.database.db
      .insertInto('import_batch')
      .values({
        file_name: 'lookup.csv',
        file_path: '/x/lookup.csv',
        sha256: 'f'.repeat(64),
        layout: 'test',
        series: 'test/lookup',
        extract_date: '2026-01-01',
        imported_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`CREATE TABLE zz_side_rows (batch_id integer NOT NULL)`.execute(t.database.db);
    await sql`INSERT INTO zz_side_rows VALUES (${b.id})`.execute(t.database.db);
    await expect(t.database.bulkTransaction((trx) => undoImportBatch(trx, b.id))).rejects.toThrow(
      `import batch ${b.id} holds reference data (zz_side_rows) that has no earlier copy to restore; import a corrected file instead`,
    );
    const status = await t.database.db
      .selectFrom('import_batch')
      .select('status')
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('imported');
    await sql`DROP TABLE zz_side_rows`.execute(t.database.db);
  });

  it('refuses an unknown batch and one already undone, and changes nothing', async () => {
    await expect(t.database.bulkTransaction((trx) => undoImportBatch(trx, 999_999))).rejects.toThrow(
      new UndoRefusedError('there is no import batch 999999'),
    );
    const firstId = (
      await t.database.db.selectFrom('import_batch').select('id').orderBy('id').executeTakeFirstOrThrow()
    ).id;
    await expect(t.database.bulkTransaction((trx) => undoImportBatch(trx, firstId))).rejects.toThrow(
      `import batch ${firstId} has already been undone`,
    );
  });
});
