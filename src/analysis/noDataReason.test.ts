import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import { tempDir } from '../../test/tempFiles.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { monthRanges } from './noDataReason.ts';
import { runAnalysis } from './runAnalysis.ts';
import { subsetOf } from './testing/londonSubset.ts';

/*
 * "Holds no data" says why. The real Tower Hamlets stop-and-search records of Apr–Jun 2023 and Jan 2024, less
 * those in Poplar ward (E05009328: LSOAs E01004256, E01004219, E01004257), imported before and after the ONS
 * lookups. Worked out with python3's csv module from the published files: 1,822 searches (505, 532, 376, 409
 * by month) in 145 distinct LSOAs, all in Tower Hamlets; 198 of them in ward E05009317 (LSOA 2021 → ward 2025
 * lookup). The first 10 Tower Hamlets rows of the LSOA 2011 → 2021 lookup place 9 of those 145 LSOAs, so 136 stay
 * unplaced. Street burglary Apr–Jun 2023: 597 records, 57 in E05009317.
 */
const SS = 'Stop and search';
const POPLAR = new Set(['E01004256', 'E01004219', 'E01004257']);
const MONTHS = new Set(['2023-04', '2023-05', '2023-06', '2024-01']);
const WARD_LOOKUP =
  'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_in_EW_v2.cut-london.csv.gz';
const LSOA11_LOOKUP =
  'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.cut-london.csv.gz';

let t: TestDb;
let definitions: Definition[];
const files = tempDir();
const ask = (request: Record<string, unknown>) =>
  runAnalysis(t.database.db, definitions, {
    category: SS,
    area: 'Tower Hamlets',
    period: '2023/24',
    ...request,
  } as never);
const why = async (request: Record<string, unknown>) => {
  const error = await ask(request).then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(error?.code).toBe('NO_DATA');
  return error!.message;
};
const imported = async (path: string, options = {}) =>
  expect((await importForTest(t.database, path, options)).errors).toEqual([]);

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
});
afterAll(async () => {
  files.cleanup();
  await t?.drop();
});

describe('before anything is imported', () => {
  it('says none of the source has been imported', async () => {
    expect(await why({})).toMatch(
      /^no data for stop and search: police\.uk stop and search holds no data for Tower Hamlets in 2023\/24: none of it has been imported;/,
    );
  });
});

describe('records imported, lookups not', () => {
  beforeAll(async () => {
    const searches = await subsetOf(
      testData('police-uk/stop-and-search/stop_and_search_TowerHamlets_pip_lsoa21.csv.gz'),
      (line, i) => i === 0 || (MONTHS.has(line.split(',')[1]!.slice(0, 7)) && !POPLAR.has(line.split(',').at(-2)!)),
    );
    await imported(searches, { extractDate: '2024-09-01' });
    // One hand-written MPS ward row, so ward E05009317 is an area Safer knows before any lookup.
    await imported(
      files.file(
        'ward.csv',
        'wardname,wardcode,majortext,minortext,lookup_boroughname,202401\nBethnal Green,E05009317,BURGLARY,RES BURGLARY OF A HOME,Tower Hamlets,3\n',
      ),
    );
    const streets = await subsetOf(
      testData('police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz'),
      (line, i) => i === 0 || ['2023-04', '2023-05', '2023-06'].includes(line.split(',')[1]!),
    );
    await imported(streets);
  }, 120_000);

  it('a borough: the LSOA-to-borough lookup is missing, and which to import', async () => {
    expect(await why({})).toMatch(
      /holds no data for Tower Hamlets in 2023\/24: the LSOA-to-borough lookup has not been imported, so none of the 145 LSOAs it holds can be placed in a borough: import the ONS "LSOA \(2021\) to Electoral Ward to LAD Best Fit Lookup" \(format ons-lookup-lsoa21-ward-lad\) or .*\(format ons-lookup-lsoa11-lsoa21-lad\)/,
    );
  });

  it('a ward: the LSOA-to-ward lookup is missing, for slices and for police.uk street records', async () => {
    expect(await why({ area: 'E05009317' })).toMatch(
      /holds no data for Bethnal Green in 2023\/24: the LSOA-to-ward lookup has not been imported, so none of the 145 LSOAs it holds can be placed in a ward: import the ONS "LSOA \(2021\) to Electoral Ward to LAD Best Fit Lookup" \(format ons-lookup-lsoa21-ward-lad\)/,
    );
    expect(await why({ category: 'Burglary', area: 'E05009317', source: 'police-uk-street' })).toMatch(
      /police\.uk holds no data for Bethnal Green in 2023\/24: no LSOA-to-ward lookup has been imported, so its records cannot be placed in wards: import .*ons-lookup-lsoa21-ward-lad/,
    );
  });

  it('as of a date before the only extract: says when the earliest extract was', async () => {
    expect(await why({ asOf: '2024-01-01' })).toMatch(
      /holds no data for Tower Hamlets in 2023\/24: nothing of it was extracted by 2024-01-01 \(its earliest extract is 2024-09-01\)/,
    );
  });

  it('a lookup that places only some of the LSOAs says how many it leaves out', async () => {
    let th = 0;
    const partLookup = await subsetOf(
      testData(LSOA11_LOOKUP),
      (line, i) => i === 0 || (line.includes(',E09000030,') && ++th <= 10),
    );
    await imported(partLookup);
    expect(await why({ area: 'Lambeth' })).toMatch(
      /holds no data for Lambeth in 2023\/24: 136 of the 145 LSOAs it holds are in no borough Safer knows \(the LSOA-to-borough lookup does not cover them\): import the ONS/,
    );
  }, 60_000);
});

describe('with the LSOA 2021 → ward → borough lookup', () => {
  beforeAll(async () => imported(testData(WARD_LOOKUP)), 60_000);

  it('counts what it could not place before', async () => {
    expect((await ask({})).figures[0]!.count).toBe(1822);
    expect((await ask({ area: 'E05009317' })).figures[0]!.count).toBe(198);
    expect(
      (await ask({ category: 'Burglary', area: 'E05009317', source: 'police-uk-street', period: 'Apr 2023–Jun 2023' }))
        .figures[0]!.count,
    ).toBe(57);
  });

  it('an area outside the coverage says what the source covers', async () => {
    expect(await why({ area: 'Lambeth' })).toMatch(
      /holds no data for Lambeth in 2023\/24: Lambeth is outside what it covers \(Tower Hamlets\)/,
    );
    expect(await why({ area: 'E05014095' })).toMatch(
      /holds no data for Brixton Acre Lane in 2023\/24: Brixton Acre Lane is outside what it covers \(Tower Hamlets\)/,
    );
    // Inside the covered borough, but no record in the ward at any time.
    expect(await why({ area: 'E05009328' })).toMatch(
      /holds no data for Poplar in 2023\/24: it covers Tower Hamlets, but holds nothing for Poplar in any month/,
    );
  });

  it('a period outside the coverage gives the months the source holds for the area', async () => {
    expect(await why({ period: '2009/10' })).toMatch(
      /holds no data for Tower Hamlets in 2009\/10: the period is outside the months it holds for Tower Hamlets \(2023-04 to 2023-06, 2024-01\)/,
    );
  });

  it('a published source covering many boroughs counts them rather than listing them', async () => {
    await imported(testData('mps/borough/recorded-crime-borough.csv'));
    expect(await why({ category: 'ROBBERY', area: 'City of London', period: '2024/25' })).toMatch(
      /MPS borough counts \(London Datastore\) holds no data for City of London in 2024\/25: City of London is outside what it covers \(32 London boroughs\)/,
    );
  }, 60_000);
});

describe('monthRanges', () => {
  it('writes consecutive months as runs, across a year end, and at most four runs', () => {
    expect(monthRanges(['2024-01', '2023-11', '2023-12', '2023-06'])).toBe('2023-06, 2023-11 to 2024-01');
    expect(monthRanges(['2020-01', '2020-03', '2020-05', '2020-07', '2020-09'])).toBe(
      '2020-01, 2020-03, 2020-05, 2020-07, …',
    );
  });
});
