import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLsoaChanges, listAreasInVintage } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';

const TH = 'E09000030';
const HACKNEY = 'E09000012';
// The England and Wales lookups cut to their London rows, header and BOM as published (test-data/README.md);
// the whole files: lookupLayouts.extended.test.ts. Figures from python3 csv.DictReader(encoding='utf-8-sig') over the cuts.
const LSOA_LOOKUP = testData(
  'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.cut-london.csv.gz',
);
const WARD_LOOKUP = testData(
  'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_in_EW_v2.cut-london.csv.gz',
);

// Lookup files on a shared 2-core machine: PGlite needs minutes, not the default 2.
const NATIONAL_FILES = { timeout: 600_000 };
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('ONS LSOA 2011 → 2021 → LAD 2022 lookup', NATIONAL_FILES, () => {
  it('imports every row, the BOM on its first column notwithstanding', async () => {
    const r = await importForTest(t.database, LSOA_LOOKUP);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('ons-lookup-lsoa11-lsoa21-lad');
    // 5,016 data rows: those whose LAD22CD is a London borough.
    expect(r.rows).toBe(5016);
  });

  it('gives Tower Hamlets 169 LSOAs (2021) and 144 (2011), parents taken from the file', async () => {
    // python3: distinct LSOA21CD / F_LSOA11CD where LAD22CD = E09000030 → 169 / 144.
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2021', parentCode: TH })).toHaveLength(
      169,
    );
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2011', parentCode: TH })).toHaveLength(
      144,
    );
    // Nothing is Tower Hamlets-specific: Hackney, same python3 query → 2021: 149, 2011: 144.
    expect(
      await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2021', parentCode: HACKNEY }),
    ).toHaveLength(149);
    expect(
      await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2011', parentCode: HACKNEY }),
    ).toHaveLength(144);
  });

  it('keeps the split / merge flags: Tower Hamlets has 119 U, 48 S, 4 M and no X rows', async () => {
    // python3: Counter(CHGIND) over rows with LAD22CD = E09000030 → U 119, S 48, M 4.
    expect(await countLsoaChanges(t.database.db, TH)).toEqual({ U: 119, S: 48, M: 4 });
    // A split LSOA maps to each of its successors: E01004238 → E01035665, E01035666, E01035667 (read off the file).
    const successors = await t.database.db
      .selectFrom('area_lookup')
      .select(['to_code', 'change'])
      .where('relation', '=', 'lsoa11_to_lsoa21')
      .where('from_code', '=', 'E01004238')
      .orderBy('to_code')
      .execute();
    expect(successors).toEqual([
      { to_code: 'E01035665', change: 'S' },
      { to_code: 'E01035666', change: 'S' },
      { to_code: 'E01035667', change: 'S' },
    ]);
  });

  it('records the LSOA 2011 → LAD edge, and an area row a later importer can find', async () => {
    const lad = await t.database.db
      .selectFrom('area_lookup')
      .select('to_code')
      .where('relation', '=', 'lsoa11_to_lad22')
      .where('from_code', '=', 'E01004197')
      .execute();
    expect(lad).toEqual([{ to_code: TH }]);
    // E01004197 was split in 2021 (so is only in the 2011 vintage); E01004198 is unchanged (in both).
    const areas = await t.database.db
      .selectFrom('area')
      .select(['code', 'name', 'type', 'parent_code', 'vintage'])
      .where('code', 'in', ['E01004197', 'E01004198'])
      .orderBy('code')
      .execute();
    expect(areas).toEqual([
      { code: 'E01004197', name: 'Tower Hamlets 002A', type: 'lsoa', parent_code: TH, vintage: '2011' },
      { code: 'E01004198', name: 'Tower Hamlets 002B', type: 'lsoa', parent_code: TH, vintage: '2021' },
    ]);
    const vintages = await t.database.db
      .selectFrom('area_vintage')
      .select('vintage')
      .where('area_code', '=', 'E01004198')
      .orderBy('vintage')
      .execute();
    expect(vintages.map((v) => v.vintage)).toEqual(['2011', '2021']);
  });

  it('says a second import of the same file changed nothing', async () => {
    const r = await importForTest(t.database, LSOA_LOOKUP);
    expect(r.status).toBe('unchanged');
  });
});

describe('ONS LSOA 2021 → ward 2025 → LAD 2025 best-fit lookup', NATIONAL_FILES, () => {
  it('gives Tower Hamlets its 20 wards (E05009317–E05009336) and every LSOA one ward', async () => {
    const r = await importForTest(t.database, WARD_LOOKUP);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('ons-lookup-lsoa21-ward-lad');
    const wards = await listAreasInVintage(t.database.db, { type: 'ward', vintage: '2025', parentCode: TH });
    // python3: sorted distinct WD25CD where LAD25CD = E09000030 → 20 codes E05009317..E05009336.
    expect(wards.map((w) => w.area_code)).toEqual(
      Array.from({ length: 20 }, (_, i) => `E05${String(9317 + i).padStart(6, '0')}`),
    );
    const thLsoasInWards = await t.database.db
      .selectFrom('area_lookup as l')
      .innerJoin('area_lookup as w', 'w.from_code', 'l.to_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('l.relation', '=', 'lsoa21_to_ward25')
      .where('w.relation', '=', 'ward25_to_lad25')
      .where('w.to_code', '=', TH)
      .executeTakeFirstOrThrow();
    expect(Number(thLsoasInWards.n)).toBe(169);
    // python3: 684 distinct WD25CD with an E09 LAD25CD.
    const londonWards = await t.database.db
      .selectFrom('area_vintage')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'ward')
      .where('vintage', '=', '2025')
      .where('parent_code', 'like', 'E09%')
      .executeTakeFirstOrThrow();
    expect(Number(londonWards.n)).toBe(684);
  });
});
