import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBoundary, listAreasInVintage } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { expectGeojsonBoundaries, shapefileThenGeojsonCases } from '../../../test/boundaryImportCases.ts';
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

describe('ESRI shapefile in British National Grid', NATIONAL_FILES, () => {
  // The cut: its .dbf read with python3 struct, 150 records (LAD11CD E09000030 144, E09000001 6); the GeoJSON
  // cut holds the same 150 LSOAs (python3: len(json.load(f)['features'])).
  shapefileThenGeojsonCases(
    () => t,
    {
      label: 'cut to City and Tower Hamlets',
      shp: testData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.cut-th-city.shp'),
      geojson: testData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW_wgs84.cut-th-city.geojson.gz'),
    },
    150,
  );
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
  ])('%s: %d features', (path, features, type, vintage) =>
    expectGeojsonBoundaries(t, testData('boundaries', path), features, type, vintage),
  );

  it("knows each area's borough from the file: 169 LSOAs 2021 and 20 wards 2018 in Tower Hamlets", async () => {
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2021', parentCode: TH })).toHaveLength(
      169,
    );
    const wards = await listAreasInVintage(t.database.db, { type: 'ward', vintage: '2018', parentCode: TH });
    expect(wards).toHaveLength(20);
    expect(wards.find((w) => w.area_code === 'E05009330')?.name).toBe("St. Katharine's & Wapping");
    // Boroughs keep their core area row; their outline is stored under the lookup's vintage (lad22cd → 2022).
    expect(await findBoundary(t.database.db, 'E09000030', '2022')).toMatchObject({ type: 'Polygon' });
  });
});
