import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { countCurrentRows } from '../../../test/policeUkQueries.ts';
import { londonBoroughOfLsoaName, PoliceUkSliceAreas } from './policeUkSliceArea.ts';

describe('londonBoroughOfLsoaName', () => {
  it('reads the borough from an LSOA name, multi-word names included', () => {
    expect(londonBoroughOfLsoaName('Tower Hamlets 001A')).toBe('E09000030');
    expect(londonBoroughOfLsoaName('City of London 001F')).toBe('E09000001');
    expect(londonBoroughOfLsoaName('Kingston upon Thames 012B')).toBe('E09000021');
  });

  it('gives null outside London or for anything that is not an LSOA name', () => {
    expect(londonBoroughOfLsoaName('Epping Forest 001A')).toBeNull();
    expect(londonBoroughOfLsoaName('Tower Hamlets')).toBeNull();
    expect(londonBoroughOfLsoaName('Tower Hamlets 01A')).toBeNull();
    expect(londonBoroughOfLsoaName('')).toBeNull();
  });

  it('keys rows outside London by their LSOA, and remembers which LSOAs were keyed by borough', () => {
    const areas = new PoliceUkSliceAreas();
    expect(areas.areaOf('E01004201', 'Tower Hamlets 002B')).toBe('E09000030');
    expect(areas.areaOf('E01021500', 'Epping Forest 001A')).toBe('E01021500');
    expect([...areas.lsoasKeyedByBorough]).toEqual(['E01004201']);
  });
});

const HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MET = 'Metropolitan Police Service';
const row = (id: string, lsoa: string, name: string, type = 'Burglary') =>
  `${id},2024-03,${MET},${MET},-0.030000,51.520000,On or near Somewhere,${lsoa},${name},${type},Under investigation,`;
const TH_A = row('a1', 'E01004200', 'Tower Hamlets 001A');
const TH_B = row('b2', 'E01004201', 'Tower Hamlets 001B');
const HACKNEY = row('c3', 'E01001700', 'Hackney 001A');

describe('police.uk street slices keyed by borough × month × force|crime type', () => {
  let t: TestDb;
  let dir: string;
  const file = async (name: string, rows: string[]) => {
    const path = join(dir, name);
    await writeFile(path, `${HEADER}\n${rows.join('\n')}\n`);
    return path;
  };
  const slices = async () =>
    (
      await sql<{ area_code: string; row_count: number; superseded: boolean }>`
    SELECT area_code, row_count, superseded_by IS NOT NULL AS superseded FROM count_slice
    WHERE series = 'police-uk-street' ORDER BY area_code, superseded_by NULLS FIRST`.execute(t.database.db)
    ).rows;
  const asOf = async (date: string) =>
    Number(
      (
        await sql<{ n: number }>`
    SELECT count(*)::int8 AS n FROM police_uk_street r JOIN count_slice s ON s.id = r.slice_id
    LEFT JOIN import_batch b ON b.id = s.superseded_by
    WHERE s.extract_date <= ${date}::date AND (s.superseded_by IS NULL OR b.extract_date > ${date}::date)`.execute(
          t.database.db,
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(join(tmpdir(), 'safer-slices-'));
  });
  afterAll(async () => {
    await t?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("groups two Tower Hamlets LSOAs into one slice and keeps each row's LSOA", async () => {
    const r = await importForTest(t.database, await file('full.csv', [TH_A, TH_B, HACKNEY]), {
      extractDate: '2024-05-01',
    });
    expect(r.status).toBe('imported');
    expect(r.imported).toBe(3);
    expect(await slices()).toEqual([
      { area_code: 'E09000012', row_count: 1, superseded: false },
      { area_code: 'E09000030', row_count: 2, superseded: false },
    ]);
    const lsoas = await sql<{ lsoa_code: string }>`SELECT lsoa_code FROM police_uk_street ORDER BY 1`.execute(
      t.database.db,
    );
    expect(lsoas.rows.map((x) => x.lsoa_code)).toEqual(['E01001700', 'E01004200', 'E01004201']);
  });

  it('finds a one-borough extract of the same rows unchanged', async () => {
    const r = await importForTest(t.database, await file('th-only.csv', [TH_B, TH_A]), { extractDate: '2024-06-01' });
    expect([r.status, r.unchanged, r.imported, r.replaced]).toEqual(['imported', 2, 0, 0]);
    expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(3);
  });

  it('lets a later extract of part of a borough replace the whole borough slice, keeping the rest as history (decision 0004)', async () => {
    const r = await importForTest(t.database, await file('one-lsoa.csv', [TH_A]), { extractDate: '2024-07-01' });
    expect([r.status, r.replaced, r.imported]).toEqual(['imported', 1, 0]);
    expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(2); // Hackney's row and TH_A
    expect(await asOf('2024-06-15')).toBe(3);
    expect(await asOf('2024-07-01')).toBe(2);
  });

  it('refuses a file whose months already hold records keyed by LSOA (imported before decision 0004), changing nothing', async () => {
    const batch = await sql<{
      id: number;
    }>`INSERT INTO import_batch (file_name, file_path, sha256, layout, series, extract_date, imported_by)
      VALUES ('old.csv', '/old.csv', ${'0'.repeat(64)}, 'police-uk-street', 'police-uk-street', '2024-01-01', 'test') RETURNING id`.execute(
      t.database.db,
    );
    const id = Number(batch.rows[0]!.id);
    await sql`INSERT INTO count_slice (series, area_code, month, scope, batch_id, extract_date, content_hash, row_count)
      VALUES ('police-uk-street', 'E01004300', '2024-03-01', ${`${MET}|Robbery`}, ${id}, '2024-01-01', 'x', 0)`.execute(
      t.database.db,
    );
    const before = await tableCounts(t.database, [
      'count_slice',
      'police_uk_street',
      'agg_police_uk_street',
      'import_batch',
    ]);
    const r = await importForTest(
      t.database,
      await file('robbery.csv', [row('d4', 'E01004300', 'Tower Hamlets 010A', 'Robbery')]),
    );
    expect(r.status).toBe('rejected');
    expect(r.errors[0]!.message).toContain(`imported before street records were grouped by borough (batch ${id})`);
    expect(
      await tableCounts(t.database, ['count_slice', 'police_uk_street', 'agg_police_uk_street', 'import_batch']),
    ).toEqual(before);
  });
});
