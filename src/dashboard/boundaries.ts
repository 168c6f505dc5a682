import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { dataVersion } from './dataVersion.ts';

/**
 * Area outlines for maps, read from the imported boundary files. Outlines are
 * simplified once (Douglas–Peucker, a few metres: far below what a page-wide
 * map can show) and kept per data version, so no request simplifies anything.
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
const TOLERANCE_M = { lsoa: 2.5, ward: 4, borough: 40 } as const;

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
    const rows = await db.selectFrom('boundary as b')
      .innerJoin('area_vintage as v', (j) => j.onRef('v.area_code', '=', 'b.area_code').onRef('v.vintage', '=', 'b.vintage'))
      .select(['b.area_code as code', 'v.name', 'b.vintage', 'b.geometry'])
      .where('v.type', '=', type).where('v.parent_code', '=', boroughCode)
      .orderBy('b.vintage', 'desc').orderBy('b.area_code')
      .execute();
    const byVintage = new Map<string, typeof rows>();
    for (const r of rows) byVintage.set(r.vintage, [...(byVintage.get(r.vintage) ?? []), r]);
    return [...byVintage].map(([vintage, list]) => shapeSet(vintage, list, TOLERANCE_M[type]));
  });
}

/** London's boroughs (the newest outline of each), for the boroughs comparison. */
export function londonBoroughShapes(db: Kysely<DB>): Promise<ShapeSet> {
  return cached(db, 'london-boroughs', async () => {
    const rows = await db.selectFrom('boundary as b')
      .innerJoin('area as a', 'a.code', 'b.area_code')
      .select(['b.area_code as code', 'a.name', 'b.vintage', 'b.geometry'])
      .where('a.type', '=', 'borough').where('b.area_code', 'like', 'E09%')
      .orderBy('b.area_code').orderBy('b.vintage', 'desc')
      .execute();
    const newest = rows.filter((r, i) => i === 0 || rows[i - 1]!.code !== r.code);
    return shapeSet(newest[0]?.vintage ?? '', newest, TOLERANCE_M.borough);
  });
}

function shapeSet(vintage: string, rows: readonly { code: string; name: string; geometry: GeoJsonPolygonal }[], toleranceM: number): ShapeSet {
  const neighbours = contiguity(rows.map((r) => r.geometry));
  const shapes = rows.map((r) => ({ code: r.code, name: r.name, vintage, geometry: simplifyPolygonal(r.geometry, toleranceM) }));
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

/** Douglas–Peucker on each ring, in metres (longitude scaled by the cosine of the latitude); rings keep at least 4 positions. */
export function simplifyPolygonal(g: GeoJsonPolygonal, toleranceM: number): GeoJsonPolygonal {
  const ring = (r: number[][]) => simplifyRing(r, toleranceM);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function simplifyRing(ring: number[][], toleranceM: number): number[][] {
  if (ring.length <= 4) return ring;
  const lat0 = ((ring[0]![1] ?? 0) * Math.PI) / 180;
  const kx = 111_320 * Math.cos(lat0);
  const ky = 110_574;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = [ring[a]![0]! * kx, ring[a]![1]! * ky];
    const [bx, by] = [ring[b]![0]! * kx, ring[b]![1]! * ky];
    let worst = -1;
    let worstD = toleranceM;
    for (let i = a + 1; i < b; i += 1) {
      const d = segmentDistance(ring[i]![0]! * kx, ring[i]![1]! * ky, ax, ay, bx, by);
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1);
  // A closed ring's first and last positions are the same point, so the split above can leave too few: keep the original then.
  return out.length >= 4 ? out : ring;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
