import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { stopSearchForce } from './forces.ts';
import { countCurrentRows, outcomeSlices } from '../../../test/policeUkQueries.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// Expected figures from python3 csv.DictReader over the published files (the .gz carried for TH holds the same bytes).
describe('police.uk outcomes CSV', () => {
  it('imports the Tower Hamlets file: 8,626 rows, 467 of them in 2015', async () => {
    const r = await importForTest(
      t.database,
      testData('police-uk/outcomes/outcomes_burglarylinked_TowerHamlets.csv.gz'),
    );
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('police-uk-outcomes');
    expect(r.rows).toBe(8626);
    expect(await countCurrentRows(t.database, 'police_uk_outcome', { series: 'police-uk-outcomes' })).toBe(8626);
    expect(await countCurrentRows(t.database, 'police_uk_outcome', { from: '2015-01-01', to: '2015-12-01' })).toBe(467);
    // Slices are borough × month × force (decision 0009): 157 distinct months, all in Tower Hamlets.
    expect(await outcomeSlices(t.database)).toEqual({ total: 157, byArea: { E09000030: 157 } });
  });

  it("imports the all-Met file's 2019 (2,928 rows, 8 without a location), keying rows by borough, outside-London LSOA or none", async () => {
    // The all-Met .gz cut to Month 2019-* (test-data/README.md; the whole file: outcomesStopSearch.extended.test.ts).
    // python3 csv.DictReader over the cut: 2,928 rows; 91 in Tower Hamlets LSOAs, the same rows month by month as the
    // TH file's 2019; 342 keys (area, Month, Falls within) with the area as the importer forms it (London borough from
    // the LSOA name, else the LSOA code, '' without one): 4 without an LSOA, 2 LSOAs outside London, 33 boroughs, 12 of
    // them TH's; 8 rows with neither LSOA nor latitude.
    const r = await importForTest(
      t.database,
      testData('police-uk/outcomes/outcomes_burglarylinked_MPS_all_2012-01_2025-02.cut-2019.csv.gz'),
    );
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(2928);
    // The TH rows are the same outcomes again: their slices (borough × month × force) are unchanged, nothing is doubled.
    expect(r.unchanged).toBe(91);
    expect(await countCurrentRows(t.database, 'police_uk_outcome')).toBe(8626 + 2928 - 91);
    // TH's 157 slices, plus the cut's 342 keys less the 12 TH already holds.
    const slices = await outcomeSlices(t.database);
    expect(slices.total).toBe(157 + 342 - 12);
    expect([
      slices.byArea.none,
      slices.byArea.E01,
      Object.keys(slices.byArea).filter((k) => k.startsWith('E09')).length,
    ]).toEqual([4, 2, 33]);
    const unlocated = await t.database.db
      .selectFrom('police_uk_outcome')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lsoa_code', 'is', null)
      .where('latitude', 'is', null)
      .executeTakeFirst();
    expect(Number(unlocated?.n)).toBe(8);
  }, 300_000);
});

describe('police.uk outcomes imported before they were grouped by borough', () => {
  it('refuses a file whose months hold outcome slices keyed by one of its London LSOAs, naming the batch and changing nothing', async () => {
    const batch = await sql<{
      id: number;
    }>`INSERT INTO import_batch (file_name, file_path, sha256, layout, series, extract_date, imported_by)
      VALUES ('old-outcomes.csv', '/old-outcomes.csv', ${'1'.repeat(64)}, 'police-uk-outcomes', 'police-uk-outcomes', '2024-01-01', 'test') RETURNING id`.execute(
      t.database.db,
    );
    const id = Number(batch.rows[0]!.id);
    await sql`INSERT INTO count_slice (series, area_code, month, scope, batch_id, extract_date, content_hash, row_count)
      VALUES ('police-uk-outcomes', 'E01004300', '2030-03-01', 'Metropolitan Police Service', ${id}, '2024-01-01', 'x', 0)`.execute(
      t.database.db,
    );
    const dir = await mkdtemp(join(tmpdir(), 'safer-outcomes-'));
    try {
      const path = join(dir, 'outcomes.csv');
      await writeFile(
        path,
        'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n' +
          'abc,2030-03,Metropolitan Police Service,Metropolitan Police Service,-0.03,51.52,On or near Somewhere,E01004300,Tower Hamlets 010A,Under investigation\n',
      );
      const tables = ['import_batch', 'count_slice', 'police_uk_outcome'];
      const before = await tableCounts(t.database, tables);
      const r = await importForTest(t.database, path);
      expect(r.status).toBe('rejected');
      expect(r.errors[0]!.message).toContain(`imported before outcomes were grouped by borough (batch ${id})`);
      expect(await tableCounts(t.database, tables)).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('police.uk stop-and-search CSV', () => {
  it('imports the Tower Hamlets file with its added LSOA 2021 columns: 40,657 rows, 299 dated 2016-06', async () => {
    const r = await importForTest(
      t.database,
      testData('police-uk/stop-and-search/stop_and_search_TowerHamlets_pip_lsoa21.csv.gz'),
    );
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('police-uk-stop-search');
    expect(r.rows).toBe(40657);
    expect(
      await countCurrentRows(t.database, 'police_uk_stop_search', {
        series: 'police-uk-stop-search',
        lsoaNamePrefix: 'Tower Hamlets ',
      }),
    ).toBe(40657);
    expect(await countCurrentRows(t.database, 'police_uk_stop_search', { from: '2016-06-01', to: '2016-06-01' })).toBe(
      299,
    );
    const forces = await t.database.db.selectFrom('police_uk_stop_search').select('force').distinct().execute();
    expect(forces).toEqual([{ force: 'Metropolitan Police Service' }]);
  });

  it('takes the force from a data.police.uk download name, else assumes the Met', () => {
    expect(stopSearchForce('2024-05-city-of-london-stop-and-search.csv')).toEqual({
      force: 'City of London Police',
      fromFileName: true,
    });
    expect(stopSearchForce('2024-05-metropolitan-stop-and-search.csv').force).toBe('Metropolitan Police Service');
    expect(stopSearchForce('stop_and_search_Newham_pip_lsoa21.csv')).toEqual({
      force: 'Metropolitan Police Service',
      fromFileName: false,
    });
  });
});
