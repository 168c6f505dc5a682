import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import { StatementCounter } from '../http/testing/statementCounter.ts';
import { LONDON, type TargetArea } from './areas.ts';
import { withDataVersion } from './dataVersion.ts';
import { populationByBorough, populationByGroup, populationOf, populationByArea } from './population.ts';

/*
 * The population queries every figure uses, over the real files: the ONS LSOA 2021 → ward 2025 → LAD 2025
 * lookup and the Census 2021 TS007A (age) and TS021 (ethnic group, Nomis) and ONS mid-2015 files, each cut to
 * London's 4,994 LSOAs (test-data/README.md). Every expected figure was worked out with python3's csv module
 * over the carried files, taking an area's LSOAs from the lookup (LSOA21CD where LAD25CD or WD25CD is the
 * area; for London's 33 boroughs the LSOA 2011 → 2021 → LAD 2022 lookup gives the same parents).
 */
let t: TestDb;
// Census files on a shared 2-core machine: PGlite needs minutes, not the default.
const NATIONAL_FILES = 600_000;

beforeAll(async () => {
  t = await createTestDb();
  for (const file of [
    'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_in_EW_v2.cut-london.csv.gz',
    'population/census2021-ts007a-lsoa.cut-london.csv.gz',
    'population/census2021-ts021-lsoa-nomis.cut-london.csv.gz',
    'population/pop_mid_2015.cut-london.csv.gz',
  ]) {
    const r = await importForTest(t.database, testData(file));
    if (r.status !== 'imported') throw new Error(`${file}: ${r.message}`);
  }
}, NATIONAL_FILES);
afterAll(async () => t?.drop());

const TOWER_HAMLETS: TargetArea = { code: 'E09000030', name: 'Tower Hamlets', type: 'borough', parentCode: LONDON };
const LONDON_REGION: TargetArea = { code: LONDON, name: 'London', type: 'region', parentCode: null };
// 12 LSOAs in the lookup.
const BETHNAL_GREEN_EAST: TargetArea = {
  code: 'E05009317',
  name: 'Bethnal Green East',
  type: 'ward',
  parentCode: 'E09000030',
};
const TOWER_HAMLETS_002B: TargetArea = {
  code: 'E01004198',
  name: 'Tower Hamlets 002B',
  type: 'lsoa',
  parentCode: null,
};

describe('populationOf', () => {
  it('Census 2021 TS007A (the default): Tower Hamlets 310,303 usual residents, 19,088 aged 0–4, 54,138 aged 0–14', async () => {
    // python3: sum of "Age: Total" over TH's 169 LSOAs; "Aged 4 years and under"; that and the 5–9 and 10–14 bands.
    expect(await populationOf(t.database.db, TOWER_HAMLETS)).toBe(310303);
    expect(await populationOf(t.database.db, TOWER_HAMLETS, { ageBands: ['0-4'] })).toBe(19088);
    expect(await populationOf(t.database.db, TOWER_HAMLETS, { ageBands: ['0-4', '5-9', '10-14'] })).toBe(54138);
  });

  it('ONS mid-2015: Tower Hamlets 282,674, of whom 27,095 females aged 0–15', async () => {
    // python3: sum of Total over TH's LSOAs (also where the file's la column is E09000030); F0 to 15.
    expect(await populationOf(t.database.db, TOWER_HAMLETS, { source: 'mye2015' })).toBe(282674);
    expect(
      await populationOf(t.database.db, TOWER_HAMLETS, { source: 'mye2015', sex: 'female', ageBands: ['0-15'] }),
    ).toBe(27095);
  });

  it('Census 2021 TS021 (ethnic group): Tower Hamlets Asian 137,840, White 122,292, all 310,322', async () => {
    // python3 over the data rows ("CODE : NAME" first cell): the total, Asian and White count columns.
    const ts021 = { source: 'census2021-ts021' };
    expect(await populationOf(t.database.db, TOWER_HAMLETS, { ...ts021, ethnicGroup: 'asian' })).toBe(137840);
    expect(await populationOf(t.database.db, TOWER_HAMLETS, { ...ts021, ethnicGroup: 'white' })).toBe(122292);
    expect(await populationOf(t.database.db, TOWER_HAMLETS, ts021)).toBe(310322);
  });

  it('London (every E09 parent): 8,799,631 (TS007A) and 8,799,810 (TS021)', async () => {
    expect(await populationOf(t.database.db, LONDON_REGION)).toBe(8799631);
    expect(await populationOf(t.database.db, LONDON_REGION, { source: 'census2021-ts021' })).toBe(8799810);
  });

  it('a ward (Bethnal Green East: 23,694; 10,277 Asian) and an LSOA (E01004198: 1,493; 1,487 in TS021)', async () => {
    expect(await populationOf(t.database.db, BETHNAL_GREEN_EAST)).toBe(23694);
    expect(
      await populationOf(t.database.db, BETHNAL_GREEN_EAST, { source: 'census2021-ts021', ethnicGroup: 'asian' }),
    ).toBe(10277);
    expect(await populationOf(t.database.db, TOWER_HAMLETS_002B)).toBe(1493);
    expect(await populationOf(t.database.db, TOWER_HAMLETS_002B, { source: 'census2021-ts021' })).toBe(1487);
  });

  it('by area, for breakdowns: the same ward and LSOA totals, and nothing for a code the lookups do not place', async () => {
    const wards = await populationByArea(t.database.db, 'ward', ['E05009317', 'E05999999']);
    expect([...wards]).toEqual([['E05009317', 23694]]);
    expect([...(await populationByArea(t.database.db, 'lsoa', ['E01004198']))]).toEqual([['E01004198', 1493]]);
    expect((await populationByArea(t.database.db, 'lsoa', [])).size).toBe(0);
  });

  it('is 0 for an area the lookups do not place, or a source not imported', async () => {
    expect(await populationOf(t.database.db, { ...BETHNAL_GREEN_EAST, code: 'E05999999' })).toBe(0);
    expect(await populationOf(t.database.db, TOWER_HAMLETS, { source: 'census2011-qs201ew' })).toBe(0);
  });
});

describe('populationByGroup', () => {
  it("gives Tower Hamlets' five TS021 ethnic groups and the total", async () => {
    const groups = await populationByGroup(t.database.db, TOWER_HAMLETS, 'ethnic_group', {
      source: 'census2021-ts021',
    });
    // python3: each count column over TH's 169 LSOAs; the five add up to the total.
    expect(Object.fromEntries([...groups].sort())).toEqual({
      all: 310322,
      asian: 137840,
      black: 22702,
      mixed: 15417,
      other: 12071,
      white: 122292,
    });
  });

  it("gives Tower Hamlets' 18 TS007A age bands and the total", async () => {
    const bands = await populationByGroup(t.database.db, TOWER_HAMLETS, 'age_band', {});
    // python3: each "Age: Aged …" column over TH's 169 LSOAs; the 18 add up to 310,303.
    expect(Object.fromEntries([...bands].sort())).toEqual({
      '0-4': 19088,
      '5-9': 17652,
      '10-14': 17398,
      '15-19': 18370,
      '20-24': 31981,
      '25-29': 44473,
      '30-34': 40699,
      '35-39': 29790,
      '40-44': 22640,
      '45-49': 17551,
      '50-54': 13926,
      '55-59': 10833,
      '60-64': 8445,
      '65-69': 6037,
      '70-74': 4334,
      '75-79': 2787,
      '80-84': 2230,
      '85+': 2069,
      all: 310303,
    });
  });
});

describe('populationByBorough', () => {
  it("gives each of London's 33 boroughs (City included), adding up to London", async () => {
    const boroughs = await populationByBorough(t.database.db);
    expect(boroughs.size).toBe(33);
    expect([...boroughs.values()].reduce((a, b) => a + b, 0)).toBe(8799631);
    // python3: Tower Hamlets, the City, Hackney and Newham from TS007A's Age: Total.
    expect(boroughs.get('E09000030')).toBe(310303);
    expect(boroughs.get('E09000001')).toBe(8579);
    expect(boroughs.get('E09000012')).toBe(259151);
    expect(boroughs.get('E09000025')).toBe(351010);
  });

  it('reads another source and filter: mid-2015 Tower Hamlets 282,674 and City 7,668; TH females aged 0–15 27,095', async () => {
    const mye = await populationByBorough(t.database.db, { source: 'mye2015' });
    expect(mye.get('E09000030')).toBe(282674);
    expect(mye.get('E09000001')).toBe(7668);
    const girls = await populationByBorough(t.database.db, { source: 'mye2015', sex: 'female', ageBands: ['0-15'] });
    expect(girls.get('E09000030')).toBe(27095);
  });

  it('is asked once per data version inside a request’s scope, each filter apart, each caller its own copy', async () => {
    const counter = new StatementCounter();
    const db = t.database.db.withPlugin(counter);
    await withDataVersion(db, async () => {
      // The data version and the populations; then nothing.
      const first = await populationByBorough(db);
      expect(counter.count).toBe(2);
      first.set('E09000030', 0);
      expect(await counter.countOf(() => populationByBorough(db))).toBe(0);
      expect((await populationByBorough(db)).get('E09000030')).toBe(310303);
      expect(await counter.countOf(() => populationByBorough(db, { source: 'mye2015' }))).toBe(1);
    });
  });
});
