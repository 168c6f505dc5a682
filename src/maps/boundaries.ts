import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { dataVersion } from '../release/dataVersion.ts';
import { simplifyPolygonalSet } from './simplifyShared.ts';

/**
 * Area outlines for maps, read from the imported boundary files. Outlines are
 * simplified once (to within a few metres: far below what a page-wide map can
 * show) and kept per data version, so no request simplifies anything. The
 * outlines of one set are simplified together (simplifyShared.ts), so that a
 * border two areas share keeps the same vertices in both: no slivers or gaps
 * between neighbours on the map.
 */
export interface AreaShape {
  code: string;
  name: string;
  vintage: string;
  geometry: GeoJsonPolygonal;
}

/** One boundary vintage's shapes with their contiguity (indexes of the shapes each one touches). */
export interface ShapeSet {
  vintage: string;
  shapes: AreaShape[];
  neighbours: number[][];
}

/** Simplification tolerance in metres per kind of area: a ward map needs less detail than an LSOA map. */
export const TOLERANCE_M = { lsoa: 2.5, ward: 4, borough: 40 } as const;

type Cache = { version: string; entries: Map<string, Promise<unknown>> };
const caches = new WeakMap<object, Cache>();

/** Keyed by the database object as well as the version: two test databases can share a version string. */
async function cached<T>(db: Kysely<DB>, key: string, build: () => Promise<T>): Promise<T> {
  const version = await dataVersion(db);
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    caches.set(db, cache);
  }
  const hit = cache.entries.get(key);
  if (hit) return hit as Promise<T>;
  const made = build();
  cache.entries.set(key, made);
  const entries = cache.entries;
  made.catch(() => entries.delete(key));
  return made;
}

/**
 * The wards or LSOAs lying in a borough, one set per boundary vintage held
 * (newest first): the page picks the vintage whose codes its figures use.
 */
export function areaShapesIn(db: Kysely<DB>, boroughCode: string, type: 'ward' | 'lsoa'): Promise<ShapeSet[]> {
  return cached(db, `${type}|${boroughCode}`, async () => {
    const rows = await db
      .selectFrom('boundary as b')
      .innerJoin('area_vintage as v', (j) =>
        j.onRef('v.area_code', '=', 'b.area_code').onRef('v.vintage', '=', 'b.vintage'),
      )
      .select(['b.area_code as code', 'v.name', 'b.vintage', 'b.geometry'])
      .where('v.type', '=', type)
      .where('v.parent_code', '=', boroughCode)
      .orderBy('b.vintage', 'desc')
      .orderBy('b.area_code')
      .execute();
    const byVintage = new Map<string, typeof rows>();
    for (const r of rows) byVintage.set(r.vintage, [...(byVintage.get(r.vintage) ?? []), r]);
    return [...byVintage].map(([vintage, list]) => shapeSet(vintage, list, TOLERANCE_M[type]));
  });
}

/** London's boroughs (the newest outline of each), for the boroughs comparison. */
export function londonBoroughShapes(db: Kysely<DB>): Promise<ShapeSet> {
  return cached(db, 'london-boroughs', async () => {
    const rows = await db
      .selectFrom('boundary as b')
      .innerJoin('area as a', 'a.code', 'b.area_code')
      .select(['b.area_code as code', 'a.name', 'b.vintage', 'b.geometry'])
      .where('a.type', '=', 'borough')
      .where('b.area_code', 'like', 'E09%')
      .orderBy('b.area_code')
      .orderBy('b.vintage', 'desc')
      .execute();
    const newest = rows.filter((r, i) => i === 0 || rows[i - 1]!.code !== r.code);
    return shapeSet(newest[0]?.vintage ?? '', newest, TOLERANCE_M.borough);
  });
}

function shapeSet(
  vintage: string,
  rows: readonly { code: string; name: string; geometry: GeoJsonPolygonal }[],
  toleranceM: number,
): ShapeSet {
  const neighbours = contiguity(rows.map((r) => r.geometry));
  const simplified = simplifyPolygonalSet(
    rows.map((r) => r.geometry),
    toleranceM,
  );
  const shapes = rows.map((r, i) => ({ code: r.code, name: r.name, vintage, geometry: simplified[i]! }));
  return { vintage, shapes, neighbours };
}

const rings = (g: GeoJsonPolygonal): number[][][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

/**
 * Queen contiguity from the full-detail outlines: two areas are neighbours
 * when they share a boundary point (to about a metre). Published boundary
 * sets are built edge-matched, so neighbours share their vertices exactly.
 */
export function contiguity(geometries: readonly GeoJsonPolygonal[]): number[][] {
  const owners = new Map<string, Set<number>>();
  geometries.forEach((g, i) => {
    for (const ring of rings(g)) {
      for (const p of ring) {
        const key = `${Math.round(p[0]! * 1e5)},${Math.round(p[1]! * 1e5)}`;
        const set = owners.get(key) ?? new Set<number>();
        set.add(i);
        owners.set(key, set);
      }
    }
  });
  const out = geometries.map(() => new Set<number>());
  for (const set of owners.values()) {
    if (set.size < 2) continue;
    for (const a of set) for (const b of set) if (a !== b) out[a]!.add(b);
  }
  return out.map((s) => [...s].sort((a, b) => a - b));
}

/**
 * One outline simplified on its own: every dropped vertex within toleranceM
 * metres of the segment replacing it, every ring at least 4 positions; its
 * parts and holes keep the points they share. To simplify neighbours alike,
 * simplify them together with simplifyPolygonalSet.
 */
export function simplifyPolygonal(g: GeoJsonPolygonal, toleranceM: number): GeoJsonPolygonal {
  return simplifyPolygonalSet([g], toleranceM)[0]!;
}

export { simplifyPolygonalSet } from './simplifyShared.ts';
