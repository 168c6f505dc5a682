import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBoundary, listAreasInVintage } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { fullData } from '../../../test/sharedData.ts';

// The whole London boundary files: the LSOA 2011 shapefile and GeoJSON (4 MB and 6 MB; boundaryLayouts.test.ts
// imports them cut to City and Tower Hamlets), and the London LSOA 2021 (14 MB) and ward 2018 (5 MB) GeoJSON.
const TH = 'E09000030';
// Boundary files on a shared 2-core machine: PGlite needs minutes, not the default 2.
const LONDON_FILES = { timeout: 600_000 };
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const firstVertex = (g: Awaited<ReturnType<typeof findBoundary>>) =>
  g?.type === 'Polygon' ? g.coordinates[0]![0]! : g?.type === 'MultiPolygon' ? g.coordinates[0]![0]![0]! : null;

describe('ESRI shapefile in British National Grid, all London', LONDON_FILES, () => {
  it('reprojects the London LSOA 2011 shapefile to WGS84 using its .prj', async () => {
    const r = await importForTest(t.database, fullData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.shp'));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('shapefile-boundaries');
    expect(r.rows).toBe(4835);
    // The first vertex of the same LSOAs in LSOA_2011_London_gen_MHW_wgs84.geojson, read with python3's json module.
    for (const [code, lon, lat] of [['E01004197', -0.052776, 51.532624], ['E01000001', -0.097289, 51.521577]] as const) {
      const vertex = firstVertex(await findBoundary(t.database.db, code, '2011'));
      expect(Math.abs(vertex![0]! - lon)).toBeLessThan(1e-4);
      expect(Math.abs(vertex![1]! - lat)).toBeLessThan(1e-4);
    }
    // Areas come from the .dbf: Tower Hamlets has 144 LSOAs 2011 (LAD11CD = E09000030, counted with python3).
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2011', parentCode: TH })).toHaveLength(144);
  });

  it('the same LSOAs from the GeoJSON replace the shapefile\'s outlines rather than doubling them', async () => {
    const r = await importForTest(t.database, fullData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW_wgs84.geojson'));
    expect(r.status).toBe('imported');
    expect(r.replaced).toBe(4835);
    const n = await t.database.db.selectFrom('boundary').select((eb) => eb.fn.countAll<number>().as('n')).where('vintage', '=', '2011').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(4835);
    expect(firstVertex(await findBoundary(t.database.db, 'E01004197', '2011'))).toEqual([-0.052776, 51.532624]);
  });
});

describe('London-wide GeoJSON boundary files', LONDON_FILES, () => {
  it.each([
    // path, feature count (python3: len(json.load(f)['features'])), type, vintage
    ['lsoa-2021/LSOA_2021_London_simplified1m_wgs84.geojson', 4994, 'lsoa', '2021'],
    ['wards-2018/London_Ward_2018_wgs84.geojson', 657, 'ward', '2018'],
  ])('%s: %d features', async (path, features, type, vintage) => {
    const r = await importForTest(t.database, fullData('boundaries', path));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('geojson-boundaries');
    expect(r.rows).toBe(features);
    const stored = await t.database.db.selectFrom('boundary').select('area_code').where('batch_id', '=', r.batchId!).execute();
    expect(stored).toHaveLength(features);
    const areas = await t.database.db.selectFrom('area_vintage').select('type').distinct().where('batch_id', '=', r.batchId!).execute();
    expect(areas).toEqual([{ type }]);
    const vintages = await t.database.db.selectFrom('boundary').select('vintage').distinct().where('batch_id', '=', r.batchId!).execute();
    expect(vintages).toEqual([{ vintage }]);
  });

  it('knows each area\'s borough from the London files: 169 LSOAs 2021 and 20 wards 2018 in Tower Hamlets', async () => {
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2021', parentCode: TH })).toHaveLength(169);
    expect(await listAreasInVintage(t.database.db, { type: 'ward', vintage: '2018', parentCode: TH })).toHaveLength(20);
  });
});
