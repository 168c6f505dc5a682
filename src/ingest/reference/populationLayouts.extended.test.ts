import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { fullData } from '../../../test/sharedData.ts';

/*
 * The whole England and Wales population and census files (1.6–3.5 MB each; populationLayouts.test.ts
 * tests their London rows): every row imports, Wales included. Expected figures from python3's csv module
 * over the published files: 35,672 LSOAs 2021 (33,755 E01 + 1,917 W01) in each.
 */
// National files (up to 680,000 rows) on a shared 2-core machine: PGlite needs minutes, not the default 2.
const NATIONAL_FILES = { timeout: 600_000 };
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const lookup = await importForTest(
    t.database,
    fullData('lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.csv'),
  );
  expect(lookup.status).toBe('imported');
}, NATIONAL_FILES.timeout);
afterAll(async () => t?.drop());

/** Sum of a source's totals over every area it holds. */
async function total(source: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT sum(value)::int8 AS n FROM population WHERE source = ${source} AND sex = 'all' AND age_band = 'all' AND ethnic_group = 'all'`.execute(
    t.database.db,
  );
  return Number(rows[0]!.n);
}

describe('England and Wales population files, whole', NATIONAL_FILES, () => {
  it('Census 2021 TS007A: 35,672 LSOAs, 59,597,611 usual residents', async () => {
    const r = await importForTest(t.database, fullData('population/census2021-ts007a-lsoa.csv'));
    expect(r).toMatchObject({ status: 'imported', format: 'ons-census2021-ts007a', rows: 35672 });
    // python3: sum of "Age: Total" over every row.
    expect(await total('census2021-ts007a')).toBe(59597611);
  });

  it('Census 2021 TS021 (Nomis): 35,672 LSOAs, 59,597,576 usual residents', async () => {
    const r = await importForTest(t.database, fullData('population/census2021-ts021-lsoa-nomis.csv'));
    expect(r).toMatchObject({ status: 'imported', format: 'nomis-census2021-ts021', rows: 35672 });
    // python3: sum of "Total: All usual residents" over the rows whose first cell is "CODE : NAME".
    expect(await total('census2021-ts021')).toBe(59597576);
  });

  it('ONS mid-2015 estimates: 35,672 LSOAs, 57,881,415 people', async () => {
    const r = await importForTest(t.database, fullData('population/pop_mid_2015.csv'));
    expect(r).toMatchObject({ status: 'imported', format: 'ons-mid-year-estimates-lsoa', rows: 35672 });
    // python3: sum of Total over every row.
    expect(await total('mye2015')).toBe(57881415);
  });

  it.each(['ts004', 'ts006', 'ts037', 'ts065', 'ts067'])('Census 2021 %s: 35,672 LSOAs', async (table) => {
    const r = await importForTest(t.database, fullData(`population/census2021-${table}-lsoa.csv`));
    expect(r).toMatchObject({ status: 'imported', format: 'ons-census2021-table', rows: 35672 });
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(DISTINCT area_code)::int8 AS n FROM census_measure WHERE census_table = ${table}`.execute(
      t.database.db,
    );
    expect(Number(rows[0]!.n)).toBe(35672);
  });
});
