import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { runAnalysis } from './runAnalysis.ts';
import { subsetOf } from './testing/londonSubset.ts';
import { at, partnerCsv } from './testing/partnerExtract.ts';
import { tempDir } from '../../test/tempFiles.ts';

/*
 * Total notifiable offences (TNO) from the real MPS files. Every expected number was added up with python3's
 * csv module from the published file, not read back from Safer: for each row of Tower Hamlets (borough name,
 * lookup_boroughname "Tower Hamlets" or borough code E09000030), the YYYYMM columns of each financial year
 * (April to March) summed over every major and minor category.
 *   MPS Borough Level Crime (most recent 24 months).csv, old Major/Minor classification: 2017/18 32,298.
 *   MPS Borough Level Crime (Historical).csv (2023 extract, 2010-04..2023-09): 2010/11 27,205, 2011/12 27,967,
 *     2012/13 27,651, 2013/14 26,332, 2014/15 26,536, 2015/16 28,151, 2016/17 30,316, 2017/18 31,362, 2018/19 33,734.
 *   recorded-crime-borough-historical.csv (2026 extract, 2010-04..2024-02): 2016/17 30,321, 2018/19 33,735,
 *     2023/24 33,141 (11 months); recorded-crime-borough.csv (2024-03..2026-02): 2023/24 2,930 (one month), 2024/25 36,458.
 *   recorded-crime-ward.csv, 2024/25: ward E05009317 (Bethnal Green) 2,484; Tower Hamlets' 20 wards 34,591.
 *   recorded-crime-lsoa.csv.gz, 2024/25: LSOA E01004198 154; Tower Hamlets' 169 LSOAs 33,546.
 */
const TNO = 'Total notifiable offences';
const TH = 'Tower Hamlets';

let t: TestDb;
let definitions: Definition[];
const ask = (request: Record<string, unknown>) =>
  runAnalysis(t.database.db, definitions, { category: TNO, area: TH, ...request } as never);
const byYear = async (request: Record<string, unknown>) =>
  (await ask({ ...request, by: 'financial-year' })).figures.map((f) => [f.group.financialYear, f.count]);
const borough = (name: string) => importForTest(t.database, testData('mps', 'borough', name));

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
});
afterAll(async () => t?.drop());

describe('TNO in the catalogue', () => {
  it('is one entry in each MPS classification and none in police.uk or the dashboard', async () => {
    const rows = await t.database.db
      .selectFrom('offence_category')
      .select(['classification', 'major', 'minor'])
      .where(sql`upper(major)`, '=', 'TOTAL NOTIFIABLE OFFENCES')
      .orderBy('classification')
      .execute();
    expect(rows).toEqual([
      { classification: 'ho_aligned', major: 'TOTAL NOTIFIABLE OFFENCES', minor: '' },
      { classification: 'mps_old', major: 'Total Notifiable Offences', minor: '' },
    ]);
  });
});

describe('TNO from an old-classification borough file', () => {
  it('adds up every old Major/Minor category: Tower Hamlets 2017/18', async () => {
    expect((await borough('MPS Borough Level Crime (most recent 24 months).csv')).status).toBe('imported');
    const result = await ask({ period: '2017/18' });
    expect(result.figures[0]).toMatchObject({
      count: 32298,
      definition: `category:${TNO}`,
      source: 'MPS borough counts (London Datastore)',
    });
    // The abbreviation the MPS tables use finds the same figure.
    expect((await ask({ category: 'TNO', period: '2017/18' })).figures[0]!.count).toBe(32298);
  });

  it('breaks down into the published categories, never into a TNO row of its own', async () => {
    const figures = (await ask({ period: '2017/18', by: 'category' })).figures;
    const labels = figures.map((f) => f.group.category ?? '');
    expect(labels.some((l) => /total notifiable/i.test(l))).toBe(false);
    expect(labels).toContain('Theft and Handling / Theft From Shops');
    expect(figures.reduce((a, f) => a + (f.count ?? 0), 0)).toBe(32298);
  });
});

describe('TNO from the Home Office aligned borough files: series, revisions and as of', () => {
  it('Tower Hamlets 2010/11–2015/16 from the Historical file equals the sums worked out from that file', async () => {
    expect((await borough('MPS Borough Level Crime (Historical).csv')).status).toBe('imported');
    expect(await byYear({ period: 'Apr 2010–Mar 2016' })).toEqual([
      ['2010/11', 27205],
      ['2011/12', 27967],
      ['2012/13', 27651],
      ['2013/14', 26332],
      ['2014/15', 26536],
      ['2015/16', 28151],
    ]);
    // Where both classifications hold a month, the Home Office aligned one counts (counts.ts), for TNO as for any category.
    expect((await ask({ period: '2017/18' })).figures[0]!.count).toBe(31362);
  });

  it('2008/09–2015/16: the file starts in April 2010, so the two earlier years are reported missing, not counted', async () => {
    const result = await ask({ period: 'Apr 2008–Mar 2016', by: 'financial-year' });
    expect(result.warnings.join(' ')).toMatch(
      /no data for 24 of 96 months of Apr 2008–Mar 2016 in Tower Hamlets \(2008-04, 2008-05, 2008-06, …\): the count is partial/,
    );
    expect(result.figures.slice(2).map((f) => f.count)).toEqual([27205, 27967, 27651, 26332, 26536, 28151]);
    await expect(ask({ period: '2008/09' })).rejects.toMatchObject({ code: 'NO_DATA' });
  });

  it('a later extract revises TNO as it revises its parts, and the earlier value stays answerable as of its date', async () => {
    expect((await borough('recorded-crime-borough-historical.csv')).status).toBe('imported');
    expect((await borough('recorded-crime-borough.csv')).status).toBe('imported');
    expect((await ask({ period: '2016/17' })).figures[0]!.count).toBe(30321);
    expect((await ask({ period: '2016/17', asOf: '2023-10-01' })).figures[0]!.count).toBe(30316);
    expect((await ask({ period: '2018/19' })).figures[0]!.count).toBe(33735);
    expect((await ask({ period: '2018/19', asOf: '2023-10-01' })).figures[0]!.count).toBe(33734);
    // Unrevised years are not doubled by the second extract.
    expect((await ask({ period: '2015/16' })).figures[0]!.count).toBe(28151);
    // A year made of two extracts: 33,141 (to 2024-02) + 2,930 (2024-03) = 36,071.
    expect(await byYear({ period: 'Apr 2023–Mar 2025' })).toEqual([
      ['2023/24', 36071],
      ['2024/25', 36458],
    ]);
  });
});

describe('TNO from ward and LSOA files', () => {
  it('a ward, and a borough added up from its wards', async () => {
    const wards = await subsetOf(
      testData('mps', 'ward', 'recorded-crime-ward.csv'),
      (line, i) => i === 0 || line.split(',')[4] === TH,
    );
    expect((await importForTest(t.database, wards)).status).toBe('imported');
    expect((await ask({ area: 'E05009317', period: '2024/25' })).figures[0]).toMatchObject({
      count: 2484,
      source: 'MPS ward counts (London Datastore)',
    });
    expect((await ask({ period: '2024/25', source: 'mps-ward' })).figures[0]!.count).toBe(34591);
  }, 120_000);

  it('an LSOA, and a borough added up from its LSOAs', async () => {
    const lsoas = await subsetOf(
      testData('mps', 'lsoa', 'recorded-crime-lsoa.csv.gz'),
      (line, i) => i === 0 || line.split(',')[2] === 'E09000030',
    );
    expect((await importForTest(t.database, lsoas)).status).toBe('imported');
    expect((await ask({ area: 'E01004198', period: '2024/25' })).figures[0]).toMatchObject({
      count: 154,
      source: 'MPS LSOA counts (London Datastore)',
    });
    expect((await ask({ period: '2024/25', source: 'mps-lsoa' })).figures[0]!.count).toBe(33546);
  }, 120_000);
});

describe('TNO from partner police records (Home Office aligned categories too)', () => {
  it("adds up every record's category: by hand, two violence offences and one robbery in May 2023 make 3", async () => {
    const files = tempDir();
    const row = (crime: string, major: string, minor: string) => ({
      ...at('2023-05-10', '12:00'),
      record_id: `r-${crime}`,
      crime_ref: crime,
      ho_major_category: major,
      ho_minor_category: minor,
      victim_id: `v-${crime}`,
      victim_age: '30',
      victim_sex: 'female',
      victim_ethnicity: 'white',
    });
    const path = files.file(
      'extract.csv',
      partnerCsv([
        row('c1', 'VIOLENCE AGAINST THE PERSON', 'VIOLENCE WITH INJURY'),
        row('c2', 'VIOLENCE AGAINST THE PERSON', 'VIOLENCE WITHOUT INJURY'),
        row('c3', 'ROBBERY', 'ROBBERY OF PERSONAL PROPERTY'),
      ]),
    );
    const imported = await importForTest(t.database, path, { extractDate: '2023-06-05' });
    expect(imported.errors).toEqual([]);
    files.cleanup();
    expect((await ask({ period: 'May 2023', source: 'partner-police' })).figures[0]!.count).toBe(3);
    expect(
      (await ask({ category: 'violence against the person', period: 'May 2023', source: 'partner-police' })).figures[0]!
        .count,
    ).toBe(2);
  });
});

describe('TNO where it is not defined', () => {
  it.each([
    ['police-uk-street', /no mapping onto police\.uk crime types/],
    ['mps-dashboard', /no mapping onto MPS dashboard crime types and subtypes/],
  ])('%s has no TNO: refused with the reason, never a count', async (source, reason) => {
    await expect(ask({ period: '2024/25', source })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(reason),
    });
  });
});
