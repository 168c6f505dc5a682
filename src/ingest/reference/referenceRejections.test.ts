import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { tempDir } from '../../../test/tempFiles.ts';

/*
 * Bad reference files: each is rejected whole, with a message naming the
 * file, line, column, value and reason, and the database is exactly as before.
 */
const TABLES = [
  'import_batch',
  'area',
  'area_vintage',
  'area_lookup',
  'boundary',
  'population',
  'census_measure',
  'deprivation',
  'unit_cost',
];
const AGE_HEADER = 'date,geography,geography code,Age: Total,Age: Aged 4 years and under,Age: Aged 5 years and over\n';

let t: TestDb;
const tmp = tempDir('safer-reference-bad-');
let before: Record<string, number>;

beforeAll(async () => {
  t = await createTestDb();
  // Something of every kind already stored, so "nothing changed" is a real check.
  const good = [
    tmp.file('ts007a-good.csv', `${AGE_HEADER}2021,Tower Hamlets 002B,E01004198,1493,88,1405\n`),
    testData('boundaries/wards-2018/wards2018_TowerHamlets_wgs84.geojson.gz'),
    testData('deprivation/E09000030_2019.csv'),
    tmp.file(
      'costs.csv',
      'offence,cost_type,unit_cost_gbp_2015_16_prices,exactness,source_note\nRobbery,total,11320,as quoted,test\n',
    ),
  ];
  for (const path of good) expect((await importForTest(t.database, path)).status).toBe('imported');
  before = await tableCounts(t.database, TABLES);
});
afterAll(async () => {
  tmp.cleanup();
  await t?.drop();
});

async function expectRejected(
  path: string,
  problem: { line: number | null; column: string | null; value: string | null; message: RegExp },
) {
  const r = await importForTest(t.database, path);
  expect(r.status).toBe('rejected');
  expect(r.errors[0]).toMatchObject({ line: problem.line, column: problem.column, value: problem.value });
  expect(r.errors[0]!.message).toMatch(problem.message);
  expect(r.message).toContain(path.split('/').pop()!);
  expect(r.message).toMatch(/nothing was imported/);
  expect(await tableCounts(t.database, TABLES)).toEqual(before);
  return r;
}

describe('rejected reference files leave the database as it was', () => {
  it('a malformed GSS code', async () => {
    const path = tmp.file(
      'ts007a-bad-code.csv',
      `${AGE_HEADER}2021,Tower Hamlets 002A,E01004197,10,5,5\n2021,Tower Hamlets 002B,E0100419,10,5,5\n`,
    );
    await expectRejected(path, { line: 3, column: 'geography code', value: 'E0100419', message: /not a GSS code/ });
  });

  it('a population that is not a number, still reporting later rows', async () => {
    const path = tmp.file(
      'ts007a-bad-count.csv',
      `${AGE_HEADER}2021,Tower Hamlets 002A,E01004197,1x0,5,5\n2021,Tower Hamlets 002B,E01004198,10,-5,5\n`,
    );
    const r = await expectRejected(path, {
      line: 2,
      column: 'Age: Total',
      value: '1x0',
      message: /not a whole number/,
    });
    expect(r.errors[1]).toMatchObject({
      line: 3,
      column: 'Age: Aged 4 years and under',
      value: '-5',
      message: 'a count cannot be negative',
    });
    // The stored LSOA still has its earlier population.
    const row = await t.database.db
      .selectFrom('population')
      .select('value')
      .where('area_code', '=', 'E01004198')
      .where('age_band', '=', 'all')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(1493);
  });

  it('an IMD decile outside 1–10', async () => {
    // The real London header, and its Tower Hamlets 002A row with the IMD decile changed from 3 to 11.
    const lines = readFileSync(testData('deprivation/IMD2019forLondon.csv'), 'utf8').split(/\r?\n/);
    const row = lines.find((l) => l.startsWith('E01004197,'))!.split(',');
    row[6] = '11';
    const path = tmp.file('IMD2019-bad-decile.csv', `${lines[0]}\n${row.join(',')}\n`);
    await expectRejected(path, {
      line: 2,
      column: 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)',
      value: '11',
      message: /a decile must be a whole number from 1 to 10/,
    });
  });

  it('a GeoJSON file that is not a FeatureCollection', async () => {
    const feature = {
      type: 'Feature',
      properties: { lsoa21cd: 'E01004198' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-0.05, 51.5],
            [-0.04, 51.5],
            [-0.04, 51.51],
            [-0.05, 51.5],
          ],
        ],
      },
    };
    const path = tmp.file('one-feature.geojson', JSON.stringify(feature));
    await expectRejected(path, {
      line: null,
      column: 'type',
      value: 'Feature',
      message: /must be a GeoJSON FeatureCollection/,
    });
  });

  it('a GeoJSON boundary in projected metres, not longitude and latitude', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { lsoa21cd: 'E01004198', lsoa21nm: 'x', lad22cd: 'E09000030' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [535000, 181000],
                [535100, 181000],
                [535100, 181100],
                [535000, 181000],
              ],
            ],
          },
        },
      ],
    };
    const path = tmp.file('bng.geojson', JSON.stringify(fc));
    await expectRejected(path, {
      line: null,
      column: 'features[0].geometry',
      value: '[535000,181000]',
      message: /outside the UK/,
    });
  });

  it('a shapefile without its .prj', async () => {
    const dir = tempDir('safer-shp-');
    try {
      // The London LSOA 2011 shapefile as carried, cut to City and Tower Hamlets (test-data/README.md).
      dir.file('lsoa.shp', readFileSync(testData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.cut-th-city.shp')));
      dir.file('lsoa.dbf', readFileSync(testData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.cut-th-city.dbf')));
      await expectRejected(`${dir.dir}/lsoa.shp`, {
        line: null,
        column: null,
        value: null,
        message: /\.prj \(coordinate system\) is missing/,
      });
    } finally {
      dir.cleanup();
    }
  });

  it('a Nomis TS021 row whose groups do not add up to its total', async () => {
    // The carried London cut keeps the published metadata lines, header and blank line.
    const real = gunzipSync(readFileSync(testData('population/census2021-ts021-lsoa-nomis.cut-london.csv.gz')))
      .toString('utf8')
      .split(/\r?\n/);
    const header = real.slice(0, 8); // metadata, header and the blank line
    const path = tmp.file(
      'ts021-bad-sum.csv',
      [...header, 'E01004198 : Tower Hamlets 002B,1500,100,700,46.7,100,6.7,50,3.3,600,40,49,3.3', ''].join('\n'),
    );
    await expectRejected(path, {
      line: 9,
      column: 'Total: All usual residents',
      value: '1500',
      message: /add up to 1499, not the total/,
    });
  });

  it('an unknown LSOA change indicator in the lookup', async () => {
    const path = tmp.file(
      'lookup-bad-flag.csv',
      '\uFEFFF_LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,CHGIND,LAD22CD,LAD22NM,LAD22NMW,ObjectId\nE01004198,Tower Hamlets 002B,E01004198,Tower Hamlets 002B,Q,E09000030,Tower Hamlets,,1\n',
    );
    await expectRejected(path, { line: 2, column: 'CHGIND', value: 'Q', message: /must be U, S, M or X/ });
  });
});
