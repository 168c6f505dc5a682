import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeprivation } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';

/* Expected figures read off the raw files with python3's csv module (see each comment). */
// National files (up to 680,000 rows) on a shared 2-core machine: PGlite needs minutes, not the default 2.
const NATIONAL_FILES = { timeout: 600_000 };
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const countLsoas = async (source: string, domain = 'imd') => {
  const row = await t.database.db
    .selectFrom('deprivation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', source)
    .where('domain', '=', domain)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
const imdOf = async (lsoa: string, edition: number) =>
  (await findDeprivation(t.database.db, lsoa, edition)).find((d) => d.domain === 'imd');

describe('IMD 2019 for London (MHCLG long headers, BOM on the first column)', NATIONAL_FILES, () => {
  it('has 4,835 LSOAs, every domain, and Tower Hamlets 002A at score 27.5, rank 9,298, decile 3', async () => {
    const r = await importForTest(t.database, testData('deprivation/IMD2019forLondon.csv'));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('iod-domains');
    expect(await countLsoas('iod2019')).toBe(4835);
    // 8 domains (IMD + 7) × 4,835 rows.
    expect(r.imported).toBe(8 * 4835);
    expect(await imdOf('E01004197', 2019)).toMatchObject({ score: 27.5, rank: 9298, decile: 3 });
    const crime = (await findDeprivation(t.database.db, 'E01004197', 2019)).find((d) => d.domain === 'crime');
    // Crime Score / Rank / Decile on the same row: 0.73, 6179, 2.
    expect(crime).toMatchObject({ score: 0.7, rank: 6179, decile: 2 });
  });
});

describe('CDRC geodata packs for Tower Hamlets (2010, 2015, 2019; each with its own headers)', NATIONAL_FILES, () => {
  it("2019 (abbreviated headers) replaces the London file's rows for Tower Hamlets only, adding IDACI and sub-domains", async () => {
    const r = await importForTest(t.database, testData('deprivation/E09000030_2019.csv'));
    expect(r.format).toBe('cdrc-iod-abbreviated');
    expect(r.rows).toBe(144);
    expect(r.replaced).toBe(8 * 144);
    // IMDScore 27.495, IMDRank0 9298, IMDDec0 3; IDCScore 0.233, IDCRank 7862, IDCDec 3.
    expect(await imdOf('E01004197', 2019)).toMatchObject({ score: 27.495, rank: 9298, decile: 3 });
    const idaci = (await findDeprivation(t.database.db, 'E01004197', 2019)).find((d) => d.domain === 'idaci');
    expect(idaci).toMatchObject({ score: 0.233, rank: 7862, decile: 3 });
    expect(await countLsoas('iod2019')).toBe(4835);
    expect(await countLsoas('iod2019', 'idaci')).toBe(144);
  });

  it('2015 (dotted long headers) reads as the MHCLG layout', async () => {
    const r = await importForTest(t.database, testData('deprivation/E09000030_2015.csv'));
    expect(r.format).toBe('iod-domains');
    // Score 39.533, Rank 4639, Decile 2.
    expect(await imdOf('E01004197', 2015)).toMatchObject({ score: 39.533, rank: 4639, decile: 2 });
    expect(await countLsoas('iod2015', 'outdoors')).toBe(144);
  });

  it('2010 keeps the score adjusted to 2011 LSOAs as the IMD, and NA as no value', async () => {
    const r = await importForTest(t.database, testData('deprivation/E09000030_2010.csv'));
    expect(r.format).toBe('cdrc-iod2010-adjusted');
    // IMD.2010.adjusted 40.84, imd_rank 4330, National.decile2 2; published RANK.OF.IMD.SCORE 4312.
    expect(await imdOf('E01004197', 2010)).toMatchObject({ score: 40.84, rank: 4330, decile: 2 });
    const unadjusted = (await findDeprivation(t.database.db, 'E01004197', 2010)).find(
      (d) => d.domain === 'imd_unadjusted',
    );
    expect(unadjusted).toMatchObject({ score: 40.84, rank: 4312, decile: null });
    // 24 LSOAs new in 2011 (e.g. E01032764) have NA in every published column: only their adjusted IMD is stored.
    expect((await findDeprivation(t.database.db, 'E01032764', 2010)).map((d) => d.domain)).toEqual(['imd']);
    expect(r.imported).toBe(144 + 120 * 16);
  });
});

describe('IMD 2019 deciles for England', NATIONAL_FILES, () => {
  it('stores 32,844 deciles as their own source, without disturbing the fuller rows', async () => {
    const r = await importForTest(t.database, testData('deprivation/imd2019.csv.gz'));
    expect(r.format).toBe('imd-deciles');
    expect(await countLsoas('iod2019-deciles')).toBe(32844);
    // findDeprivation prefers the domain table: still 27.495 from the CDRC pack.
    expect(await imdOf('E01004197', 2019)).toMatchObject({ score: 27.495, decile: 3 });
  });
});
