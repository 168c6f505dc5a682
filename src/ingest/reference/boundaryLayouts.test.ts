import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBoundary, listAreasInVintage } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';

const TH = 'E09000030';
// Boundary files on a shared 2-core machine: PGlite needs minutes, not the default 2.
const NATIONAL_FILES = { timeout: 600_000 };
// The London LSOA 2011 shapefile and GeoJSON are cut to City of London (6 LSOAs) and Tower Hamlets (144):
// test-data/README.md. The whole London files, and the London LSOA 2021 and ward files too big to carry,
// are imported by boundaryLayouts.extended.test.ts.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const firstVertex = (g: Awaited<ReturnType<typeof findBoundary>>) =>
  g?.type === 'Polygon' ? g.coordinates[0]![0]! : g?.type === 'MultiPolygon' ? g.coordinates[0]![0]![0]! : null;

describe('ESRI shapefile in British National Grid', NATIONAL_FILES, () => {
  it('reprojects the London LSOA 2011 shapefile (cut to City and Tower Hamlets) to WGS84 using its .prj', async () => {
    const r = await importForTest(t.database, testData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.cut-th-city.shp'));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('shapefile-boundaries');
    // The cut's .dbf read with python3 struct: 150 records, LAD11CD E09000030 144 and E09000001 6.
    expect(r.rows).toBe(150);
    // The first vertex of the same LSOAs in the GeoJSON cut, read with python3's json module.
    for (const [code, lon, lat] of [['E01004197', -0.052776, 51.532624], ['E01000001', -0.097289, 51.521577]] as const) {
      const vertex = firstVertex(await findBoundary(t.database.db, code, '2011'));
      expect(Math.abs(vertex![0]! - lon)).toBeLessThan(1e-4);
      expect(Math.abs(vertex![1]! - lat)).toBeLessThan(1e-4);
    }
    // Areas come from the .dbf: Tower Hamlets has 144 LSOAs 2011 (LAD11CD = E09000030, counted with python3).
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2011', parentCode: TH })).toHaveLength(144);
  });

  it('the same LSOAs from the GeoJSON replace the shapefile\'s outlines rather than doubling them', async () => {
    // Cut to the same 150 LSOAs (python3: len(json.load(f)['features'])).
    const r = await importForTest(t.database, testData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW_wgs84.cut-th-city.geojson.gz'));
    expect(r.status).toBe('imported');
    expect(r.replaced).toBe(150);
    const n = await t.database.db.selectFrom('boundary').select((eb) => eb.fn.countAll<number>().as('n')).where('vintage', '=', '2011').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(150);
    expect(firstVertex(await findBoundary(t.database.db, 'E01004197', '2011'))).toEqual([-0.052776, 51.532624]);
  });
});

describe('GeoJSON boundary files, every whole one carried', NATIONAL_FILES, () => {
  it.each([
    // path, feature count (python3: len(json.load(f)['features']) over the published file), type, vintage
    ['lsoa-2021/lsoa2021_TowerHamlets_wgs84.geojson', 169, 'lsoa', '2021'],
    ['lsoa-2021/lsoa2021_Hackney_wgs84.geojson', 149, 'lsoa', '2021'],
    ['lsoa-2021/lsoa2021_Newham_wgs84.geojson', 185, 'lsoa', '2021'],
    ['lsoa-2011/lsoa2011_TowerHamlets_wgs84.geojson.gz', 144, 'lsoa', '2011'],
    ['lsoa-2011/lsoa2011_TH_Hackney_Newham_wgs84.geojson.gz', 452, 'lsoa', '2011'],
    ['wards-2018/wards2018_TowerHamlets_wgs84.geojson.gz', 20, 'ward', '2018'],
    ['wards-2018/wards2018_TH_Hackney_Newham_wgs84.geojson', 61, 'ward', '2018'],
    ['boroughs/london_boroughs_dissolved_from_lsoa2021_simplified2m_wgs84.geojson', 33, 'borough', '2022'],
  ])('%s: %d features', async (path, features, type, vintage) => {
    const r = await importForTest(t.database, testData('boundaries', path));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('geojson-boundaries');
    expect(r.rows).toBe(features);
    const stored = await t.database.db.selectFrom('boundary').select('area_code').where('batch_id', '=', r.batchId!).execute();
    expect(stored).toHaveLength(features);
    if (type !== 'borough') {
      const areas = await t.database.db.selectFrom('area_vintage').select('type').distinct().where('batch_id', '=', r.batchId!).execute();
      expect(areas).toEqual([{ type }]);
    }
    const vintages = await t.database.db.selectFrom('boundary').select('vintage').distinct().where('batch_id', '=', r.batchId!).execute();
    expect(vintages).toEqual([{ vintage }]);
  });

  it('knows each area\'s borough from the file: 169 LSOAs 2021 and 20 wards 2018 in Tower Hamlets', async () => {
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2021', parentCode: TH })).toHaveLength(169);
    const wards = await listAreasInVintage(t.database.db, { type: 'ward', vintage: '2018', parentCode: TH });
    expect(wards).toHaveLength(20);
    expect(wards.find((w) => w.area_code === 'E05009330')?.name).toBe("St. Katharine's & Wapping");
    // Boroughs keep their core area row; their outline is stored under the lookup's vintage (lad22cd → 2022).
    expect(await findBoundary(t.database.db, 'E09000030', '2022')).toMatchObject({ type: 'Polygon' });
  });
});
