import type { Point } from '../../domain/hotspots/binning.ts';
import type { Month } from '../../domain/periods/month.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn, total } from '../countIn.ts';
import { AnalysisError } from '../figure.ts';

/** Records at one anonymised map point in one month. */
export interface MapPointCount {
  month: Month;
  point: Point;
  n: number;
}

export interface MapPoints {
  /** Counts per month and point, in metres east/north of `origin`. */
  counts: MapPointCount[];
  /** Each distinct map point once (for the snap-point spacing). */
  distinct: Point[];
  origin: { lon: number; lat: number };
  /** Back from local metres to longitude/latitude, for maps. */
  toLonLat(p: Point): { longitude: number; latitude: number };
}

/** Metres per degree of latitude (WGS84, mid-latitudes); a degree of longitude is this × cos(latitude) at the equator's 111,320 m. */
const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON_EQUATOR = 111_320;

/**
 * police.uk street records at their anonymised map points, month by month,
 * projected to local metres east/north of the south-west-most point (an
 * equirectangular projection: within a borough the error is well under a metre
 * per 100 m). Only police.uk street records carry map points.
 */
export async function mapPoints(ctx: AnalysisContext): Promise<MapPoints> {
  if (ctx.source.id !== 'police-uk-street')
    throw new AnalysisError(
      'UNSUPPORTED',
      `${ctx.source.name} has no map points: use --by lsoa or --by ward for a map`,
    );
  const rows = await countIn(ctx, ctx.period, 'point');
  const located = rows.filter((r) => r.group !== 'unknown' && r.group.includes(','));
  const parsed = located.map((r) => ({
    month: r.month,
    lon: Number(r.group.split(',')[0]),
    lat: Number(r.group.split(',')[1]),
    n: r.count,
  }));
  if (parsed.length === 0)
    throw new AnalysisError('NO_DATA', `no located police.uk records for ${ctx.target.name} in ${ctx.period.label}`);
  const origin = parsed.reduce((o, p) => ({ lon: Math.min(o.lon, p.lon), lat: Math.min(o.lat, p.lat) }), {
    lon: Infinity,
    lat: Infinity,
  });
  const kx = METRES_PER_DEGREE_LON_EQUATOR * Math.cos((origin.lat * Math.PI) / 180);
  const project = (lon: number, lat: number): Point => ({
    x: (lon - origin.lon) * kx,
    y: (lat - origin.lat) * METRES_PER_DEGREE_LAT,
  });
  const distinct = new Map<string, Point>();
  const counts = parsed.map((r) => {
    const key = `${r.lon},${r.lat}`;
    const point = distinct.get(key) ?? project(r.lon, r.lat);
    distinct.set(key, point);
    return { month: r.month, point, n: r.n };
  });
  const unlocated = total(rows) - located.reduce((a, r) => a + r.count, 0);
  if (unlocated > 0) ctx.warnings.push(`${unlocated} records have no map point and are left out`);
  return {
    counts,
    distinct: [...distinct.values()],
    origin,
    toLonLat: (p) => ({ longitude: origin.lon + p.x / kx, latitude: origin.lat + p.y / METRES_PER_DEGREE_LAT }),
  };
}

/** Every record as a point (a point with n records appears n times), as binning and densities take them. */
export function expandPoints(counts: readonly MapPointCount[]): Point[] {
  return counts.flatMap((c) => Array.from({ length: c.n }, () => c.point));
}

/** The smallest box holding every point, so grids of different months share their cells. */
export function extentOf(points: readonly Point[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}

/** Median distance from each map point to its nearest neighbour: the finest scale police.uk locations support. */
export function snapSpacing(distinct: readonly Point[]): number | undefined {
  if (distinct.length < 2) return undefined;
  const sample = distinct.slice(0, 1500);
  const nearest = sample
    .map((a) => {
      let best = Infinity;
      for (const b of distinct) if (b !== a) best = Math.min(best, Math.hypot(a.x - b.x, a.y - b.y));
      return best;
    })
    .sort((x, y) => x - y);
  return nearest[Math.floor(nearest.length / 2)];
}

/** The latest extract date among the records read, for figures built from them. */
export function latestExtract(ctx: AnalysisContext): string | null {
  return [...ctx.extractDates].sort().pop() ?? null;
}
