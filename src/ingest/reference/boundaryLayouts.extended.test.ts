import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAreasInVintage } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { expectGeojsonBoundaries, shapefileThenGeojsonCases } from '../../../test/boundaryImportCases.ts';
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

describe('ESRI shapefile in British National Grid, all London', LONDON_FILES, () => {
  // 4,835 LSOAs in the .dbf and the GeoJSON (python3).
  shapefileThenGeojsonCases(
    () => t,
    {
      label: 'all London',
      shp: fullData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.shp'),
      geojson: fullData('boundaries/lsoa-2011/LSOA_2011_London_gen_MHW_wgs84.geojson'),
    },
    4835,
  );
});

describe('London-wide GeoJSON boundary files', LONDON_FILES, () => {
  it.each([
    // path, feature count (python3: len(json.load(f)['features'])), type, vintage
    ['lsoa-2021/LSOA_2021_London_simplified1m_wgs84.geojson', 4994, 'lsoa', '2021'],
    ['wards-2018/London_Ward_2018_wgs84.geojson', 657, 'ward', '2018'],
  ])('%s: %d features', (path, features, type, vintage) =>
    expectGeojsonBoundaries(t, fullData('boundaries', path), features, type, vintage),
  );

  it("knows each area's borough from the London files: 169 LSOAs 2021 and 20 wards 2018 in Tower Hamlets", async () => {
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2021', parentCode: TH })).toHaveLength(
      169,
    );
    expect(await listAreasInVintage(t.database.db, { type: 'ward', vintage: '2018', parentCode: TH })).toHaveLength(20);
  });
});
