import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { fullData } from '../../../test/sharedData.ts';

// The whole England and Wales lookups (3 MB each; lookupLayouts.test.ts tests their London rows).
// Figures from python3 csv.DictReader(encoding='utf-8-sig') over the published files.
// National files (up to 680,000 rows) on a shared 2-core machine: PGlite needs minutes, not the default 2.
const NATIONAL_FILES = { timeout: 600_000 };
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('ONS lookups, England and Wales', NATIONAL_FILES, () => {
  it('imports every row of the LSOA 2011 → 2021 → LAD 2022 lookup, outside London too', async () => {
    const r = await importForTest(
      t.database,
      fullData(
        'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.csv',
      ),
    );
    expect(r).toMatchObject({ status: 'imported', format: 'ons-lookup-lsoa11-lsoa21-lad', rows: 35795 });
    // The file's first row: E01011949 (Hartlepool 009A) → LAD22CD E06000001.
    const lad = await t.database.db
      .selectFrom('area_lookup')
      .select('to_code')
      .where('relation', '=', 'lsoa11_to_lad22')
      .where('from_code', '=', 'E01011949')
      .execute();
    expect(lad).toEqual([{ to_code: 'E06000001' }]);
  });

  it('imports the LSOA 2021 → ward 2025 → LAD 2025 lookup: 35,672 rows, 7,545 wards, 684 of them in London', async () => {
    const r = await importForTest(
      t.database,
      fullData('lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_in_EW_v2.csv'),
    );
    expect(r).toMatchObject({ status: 'imported', format: 'ons-lookup-lsoa21-ward-lad', rows: 35672 });
    // python3: distinct WD25CD 7,545; with an E09 LAD25CD 684.
    const wards = (parent: string) =>
      t.database.db
        .selectFrom('area_vintage')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'ward')
        .where('vintage', '=', '2025')
        .where('parent_code', 'like', parent)
        .executeTakeFirstOrThrow();
    expect(Number((await wards('%')).n)).toBe(7545);
    expect(Number((await wards('E09%')).n)).toBe(684);
  });
});
