import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { tempDir } from '../../../test/tempFiles.ts';

/*
 * Every population and census file in shared/data/population, imported into
 * one database: the England and Wales files cut to their 4,994 London LSOAs
 * (test-data/README.md; the whole files: populationLayouts.extended.test.ts).
 * Expected figures were worked out with python3's csv module over the carried
 * files: population rows as the sum of a column over the whole file (what the
 * layout stored, read straight from the table; a borough's or ward's figures
 * through the product's query are src/analysis/population.test.ts), census
 * measures taking a borough's LSOAs from the ONS lookup (distinct LSOA21CD
 * where LAD22CD is the borough).
 */
const TH = 'E09000030';
// Census files on a shared 2-core machine: PGlite needs minutes, not the default 2.
const NATIONAL_FILES = { timeout: 600_000 };
let t: TestDb;
const tmp = tempDir('safer-population-');

beforeAll(async () => {
  t = await createTestDb();
  const lookup = await importForTest(
    t.database,
    testData(
      'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.cut-london.csv.gz',
    ),
  );
  expect(lookup.status).toBe('imported');
}, NATIONAL_FILES.timeout);
afterAll(async () => {
  tmp.cleanup();
  await t?.drop();
});

/** One source's stored rows of a sex, age band and ethnic group ('all' unless given), summed over every area. */
async function stored(
  source: string,
  more: { sex?: 'all' | 'female' | 'male'; ageBand?: string; ethnicGroup?: string } = {},
): Promise<number> {
  const row = await t.database.db
    .selectFrom('population')
    .select((eb) => eb.fn.sum<string | number | null>('value').as('total'))
    .where('source', '=', source)
    .where('sex', '=', more.sex ?? 'all')
    .where('age_band', '=', more.ageBand ?? 'all')
    .where('ethnic_group', '=', more.ethnicGroup ?? 'all')
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

async function censusWithin(table: string, category: string, parentCode: string): Promise<number> {
  const { rows } = await sql<{ total: number }>`
    SELECT coalesce(sum(m.value), 0) AS total FROM census_measure m
    JOIN area_vintage v ON v.area_code = m.area_code AND v.vintage = '2021'
    WHERE m.census_table = ${table} AND m.category = ${category} AND v.parent_code = ${parentCode}`.execute(
    t.database.db,
  );
  return Number(rows[0]?.total ?? 0);
}

describe('Census 2021 TS007A (age)', NATIONAL_FILES, () => {
  it("stores London's 8,799,631 usual residents, 528,970 aged 0–4", async () => {
    const r = await importForTest(t.database, testData('population/census2021-ts007a-lsoa.cut-london.csv.gz'));
    expect(r.format).toBe('ons-census2021-ts007a');
    expect(r.rows).toBe(4994);
    // python3: sum of "Age: Total" over the file's 4,994 London LSOAs → 8,799,631; "Aged 4 years and under" → 528,970.
    expect(await stored('census2021-ts007a')).toBe(8799631);
    expect(await stored('census2021-ts007a', { ageBand: '0-4' })).toBe(528970);
  });

  it('a later file of the same source replaces the areas it covers and leaves the rest', async () => {
    const header = 'date,geography,geography code,Age: Total,Age: Aged 4 years and under,Age: Aged 5 years and over\n';
    const path = tmp.file('ts007a-revised.csv', `${header}2021,Tower Hamlets 002B,E01004198,100,10,90\n`);
    const r = await importForTest(t.database, path);
    expect(r.status).toBe('imported');
    expect(r.imported).toBe(3);
    expect(r.replaced).toBe(19); // the LSOA's 19 earlier rows: total and 18 bands
    const before = 8799631;
    const { rows } = await sql<{
      value: number;
    }>`SELECT value FROM population WHERE source = 'census2021-ts007a' AND area_code = 'E01004198' AND age_band = 'all'`.execute(
      t.database.db,
    );
    expect(rows).toEqual([{ value: 100 }]);
    // E01004198 had 1,493 residents in the real file (its line read with grep); nothing else moved.
    expect(await stored('census2021-ts007a')).toBe(before - 1493 + 100);
  });
});

describe('ONS mid-2015 estimates', NATIONAL_FILES, () => {
  it('stores London 8,659,545, with 843,804 females aged 0–15', async () => {
    const r = await importForTest(t.database, testData('population/pop_mid_2015.cut-london.csv.gz'));
    expect(r.format).toBe('ons-mid-year-estimates-lsoa');
    // python3: sum of Total over the file's 4,994 London LSOAs → 8,659,545; F0 to 15 → 843,804.
    expect(await stored('mye2015')).toBe(8659545);
    expect(await stored('mye2015', { sex: 'female', ageBand: '0-15' })).toBe(843804);
  });
});

describe('Census 2021 TS021 (ethnic group), Nomis layout', NATIONAL_FILES, () => {
  it('reads past the metadata lines and footnotes: London Asian 1,817,755, White 4,731,254, all 8,799,810', async () => {
    const r = await importForTest(t.database, testData('population/census2021-ts021-lsoa-nomis.cut-london.csv.gz'));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('nomis-census2021-ts021');
    expect(r.rows).toBe(4994); // the London LSOAs' rows; the metadata, blank and footnote lines are in the cut too
    // python3 over rows 9.. whose first cell is "CODE : NAME", columns 3, 9 and 1.
    expect(await stored('census2021-ts021', { ethnicGroup: 'asian' })).toBe(1817755);
    expect(await stored('census2021-ts021', { ethnicGroup: 'white' })).toBe(4731254);
    expect(await stored('census2021-ts021')).toBe(8799810);
  });
});

describe('Census 2011 QS201EW (ethnic group) by local authority', NATIONAL_FILES, () => {
  it('gives Tower Hamlets 254,096, of whom 104,501 Asian and 81,377 Bangladeshi', async () => {
    const r = await importForTest(t.database, testData('population/census2011-qs201ew-ethnic-group-la.csv'));
    expect(r.format).toBe('nomis-census2011-qs201ew');
    expect(r.rows).toBe(348);
    const rows = await t.database.db
      .selectFrom('population')
      .select(['ethnic_group', 'value'])
      .where('source', '=', 'census2011-qs201ew')
      .where('area_code', '=', TH)
      .where('ethnic_group', 'in', [
        'all',
        'asian',
        'asian: bangladeshi',
        'white: english/welsh/scottish/northern irish/british',
      ])
      .orderBy('ethnic_group')
      .execute();
    // python3 over the file's E09000030 row (the MANIFEST agrees).
    expect(rows).toEqual([
      { ethnic_group: 'all', value: 254096 },
      { ethnic_group: 'asian', value: 104501 },
      { ethnic_group: 'asian: bangladeshi', value: 81377 },
      { ethnic_group: 'white: english/welsh/scottish/northern irish/british', value: 79231 },
    ]);
  });
});

describe('other Census 2021 tables', NATIONAL_FILES, () => {
  it.each([
    // file, table id, category, expected TH sum (python3 over the file's column for TH's 169 LSOAs)
    ['census2021-ts004-lsoa.cut-london.csv.gz', 'ts004', 'Europe: United Kingdom', 165083],
    ['census2021-ts037-lsoa.cut-london.csv.gz', 'ts037', 'Very good health', 164357],
    [
      'census2021-ts065-lsoa.cut-london.csv.gz',
      'ts065',
      'Total: All usual residents aged 16 years and over not in employment the week before the census',
      97500,
    ],
    ['census2021-ts067-lsoa.cut-london.csv.gz', 'ts067', 'No qualifications', 41004],
  ])('%s: Tower Hamlets %s "%s" = %d', async (file, table, category, expected) => {
    const r = await importForTest(t.database, testData('population', file));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('ons-census2021-table');
    expect(await censusWithin(table, category, TH)).toBe(expected);
  });

  it('keeps ts006 densities as decimals (E01004198: 15,684.2 per km²)', async () => {
    const r = await importForTest(t.database, testData('population/census2021-ts006-lsoa.cut-london.csv.gz'));
    expect(r.status).toBe('imported');
    const row = await t.database.db
      .selectFrom('census_measure')
      .select(['category', 'value'])
      .where('census_table', '=', 'ts006')
      .where('area_code', '=', 'E01004198')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ category: 'Persons per square kilometre', value: 15684.2 });
  });
});
