import { sql } from 'kysely';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, sumTowerHamletsWards, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { offenceCatalogue } from '../../domain/classifications/offenceCatalogue.ts';

/* The same two ward extracts as mpsWardExtracts.test.ts, later one first, then the LSOA file. Figures from python3 over the raw files. */
const towerHamletsWards = (t: TestDb, q: { from: string; to: string; asOf?: string }) =>
  sumTowerHamletsWards(t.database, q);
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('MPS ward extracts, later extract first', () => {
  it('an earlier extract imported afterwards is history only where they overlap; the later stub 2024-02 was never imported', async () => {
    expect((await importForTest(t.database, testData('mps/ward/recorded-crime-ward.csv'))).status).toBe('imported');
    const r = await importForTest(t.database, testData('mps/ward/recorded-crime-ward-historical.csv.gz'));
    expect(r.status).toBe('imported');
    expect(r.replaced).toBe(0);
    const feb = { from: '2024-02-01', to: '2024-02-01' };
    // The later file's 2024-02 column is a stub (partialEdgeMonths.ts), so the earlier extract's complete month is the only one.
    expect(await towerHamletsWards(t, feb)).toBe(2873);
    expect(await towerHamletsWards(t, { ...feb, asOf: '2024-03-01' })).toBe(2873);
    expect(await towerHamletsWards(t, { from: '2022-04-01', to: '2023-03-01' })).toBe(32900);
  }, 900_000);
});

describe('MPS LSOA file', () => {
  it('imports LSOA 2021 counts under their borough; Tower Hamlets totals match the file', async () => {
    const r = await importForTest(t.database, testData('mps/lsoa/recorded-crime-lsoa.csv.gz'));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('mps-lsoa-wide');
    const lsoas = await t.database.db
      .selectFrom('area')
      .select('code')
      .where('type', '=', 'lsoa')
      .where('parent_code', '=', 'E09000030')
      .execute();
    expect(lsoas).toHaveLength(169);
    // python3: rows with borough E09000030, column 202501 summed = 2,553; 202402 = 1 (the same near-empty first month
    // as the ward file, so it is not imported: partialEdgeMonths.ts).
    const month = async (m: string) => {
      const { rows } = await sql<{ n: number | null }>`
        SELECT sum(c.value)::int8 AS n FROM crime_count c JOIN count_slice s ON s.id = c.slice_id JOIN area a ON a.code = s.area_code
        WHERE s.series LIKE 'mps-lsoa%' AND s.superseded_by IS NULL AND a.parent_code = 'E09000030' AND s.month = ${m}::date`.execute(
        t.database.db,
      );
      return Number(rows[0]?.n ?? 0);
    };
    expect(await month('2025-01-01')).toBe(2553);
    expect(await month('2024-02-01')).toBe(0);
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select('notes')
      .where('file_name', '=', 'recorded-crime-lsoa.csv.gz')
      .executeTakeFirstOrThrow();
    expect(batch.notes).toMatch(/partial month 2024-02 not imported/);
    // Migration 0014's total notifiable offences entries are not file categories: left out.
    const categories = await t.database.db
      .selectFrom('offence_category')
      .select('id')
      .where('classification', 'in', ['mps_old', 'ho_aligned'])
      .where('match_key', '<>', 'TOTAL NOTIFIABLE OFFENCES|')
      .execute();
    expect(categories).toHaveLength(
      offenceCatalogue.categories.filter((c) => c.classification === 'mps_old' || c.classification === 'ho_aligned')
        .length,
    );
  }, 900_000);
});

describe('MPS ward and LSOA files: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safer-mps-wide-'));
  const cases = [
    {
      name: 'ward unknown borough',
      text: 'wardname,wardcode,majortext,minortext,lookup_boroughname,202401\nBow East,E05009319,BURGLARY,RES BURGLARY OF A HOME,Tower Hamlets,3\nBow West,E05009320,BURGLARY,RES BURGLARY OF A HOME,Royston Vasey,2\n',
      column: 'lookup_boroughname',
      value: 'Royston Vasey',
      message: /not a London borough/,
    },
    {
      name: 'ward negative count',
      text: 'wardname,wardcode,majortext,minortext,lookup_boroughname,202401\nBow East,E05009319,BURGLARY,RES BURGLARY OF A HOME,Tower Hamlets,3\nBow West,E05009320,BURGLARY,RES BURGLARY OF A HOME,Tower Hamlets,-2\n',
      column: '202401',
      value: '-2',
      message: /cannot be negative/,
    },
    {
      name: 'lsoa malformed borough code',
      text: 'lsoa_code,lsoa_name,borough,major_category,minor_category,202401\nE01004198,Tower Hamlets 001A,E09000030,BURGLARY,RES BURGLARY OF A HOME,1\nE01004199,Tower Hamlets 001B,Tower Hamlets,BURGLARY,RES BURGLARY OF A HOME,1\n',
      column: 'borough',
      value: 'Tower Hamlets',
      message: /not a GSS code/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}, naming file, line, column and value, and writes nothing`, async () => {
      const path = join(dir, `${c.name.replace(/ /g, '-')}.csv`);
      writeFileSync(path, c.text);
      const tables = ['import_batch', 'count_slice', 'crime_count', 'area'];
      const before = await tableCounts(t.database, tables);
      const r = await importForTest(t.database, path);
      expect(r.status).toBe('rejected');
      expect(r.errors).toEqual([
        expect.objectContaining({
          line: 3,
          column: c.column,
          value: c.value,
          message: expect.stringMatching(c.message),
        }),
      ]);
      expect(r.message).toContain(`line 3, column "${c.column}"`);
      expect(await tableCounts(t.database, tables)).toEqual(before);
    });
  }
});
