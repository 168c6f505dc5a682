import { expect, it } from 'vitest';
import { findBoundary, listAreasInVintage } from '../src/db/repositories/reference.ts';
import type { TestDb } from './createTestDb.ts';
import { importForTest } from './importHelpers.ts';

/**
 * Boundary import cases run on the carried cuts (boundaryLayouts.test.ts) and on the whole London files
 * (boundaryLayouts.extended.test.ts): the same checks, different files and counts.
 */
const TH = 'E09000030';

const firstVertex = (g: Awaited<ReturnType<typeof findBoundary>>) =>
  g?.type === 'Polygon' ? g.coordinates[0]![0]! : g?.type === 'MultiPolygon' ? g.coordinates[0]![0]![0]! : null;

/** The LSOA 2011 shapefile (British National Grid) reprojected, then the same LSOAs' GeoJSON replacing it. */
export function shapefileThenGeojsonCases(
  db: () => TestDb,
  files: { shp: string; geojson: string; label: string },
  rows: number,
): void {
  it(`reprojects the London LSOA 2011 shapefile (${files.label}) to WGS84 using its .prj`, async () => {
    const t = db();
    const r = await importForTest(t.database, files.shp);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('shapefile-boundaries');
    expect(r.rows).toBe(rows);
    // The first vertex of the same LSOAs in LSOA_2011_London_gen_MHW_wgs84.geojson, read with python3's json module.
    for (const [code, lon, lat] of [
      ['E01004197', -0.052776, 51.532624],
      ['E01000001', -0.097289, 51.521577],
    ] as const) {
      const vertex = firstVertex(await findBoundary(t.database.db, code, '2011'));
      expect(Math.abs(vertex![0]! - lon)).toBeLessThan(1e-4);
      expect(Math.abs(vertex![1]! - lat)).toBeLessThan(1e-4);
    }
    // Areas come from the .dbf: Tower Hamlets has 144 LSOAs 2011 (LAD11CD = E09000030, counted with python3).
    expect(await listAreasInVintage(t.database.db, { type: 'lsoa', vintage: '2011', parentCode: TH })).toHaveLength(
      144,
    );
  });

  it("the same LSOAs from the GeoJSON replace the shapefile's outlines rather than doubling them", async () => {
    const t = db();
    const r = await importForTest(t.database, files.geojson);
    expect(r.status).toBe('imported');
    expect(r.replaced).toBe(rows);
    const n = await t.database.db
      .selectFrom('boundary')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('vintage', '=', '2011')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(rows);
    expect(firstVertex(await findBoundary(t.database.db, 'E01004197', '2011'))).toEqual([-0.052776, 51.532624]);
  });
}

/** One GeoJSON boundary file: every feature stored, of one area type and vintage (boroughs add no area rows). */
export async function expectGeojsonBoundaries(
  t: TestDb,
  path: string,
  features: number,
  type: string,
  vintage: string,
): Promise<void> {
  const r = await importForTest(t.database, path);
  expect(r.status).toBe('imported');
  expect(r.format).toBe('geojson-boundaries');
  expect(r.rows).toBe(features);
  const stored = await t.database.db
    .selectFrom('boundary')
    .select('area_code')
    .where('batch_id', '=', r.batchId!)
    .execute();
  expect(stored).toHaveLength(features);
  if (type !== 'borough') {
    const areas = await t.database.db
      .selectFrom('area_vintage')
      .select('type')
      .distinct()
      .where('batch_id', '=', r.batchId!)
      .execute();
    expect(areas).toEqual([{ type }]);
  }
  const vintages = await t.database.db
    .selectFrom('boundary')
    .select('vintage')
    .distinct()
    .where('batch_id', '=', r.batchId!)
    .execute();
  expect(vintages).toEqual([{ vintage }]);
}
