/** A GeoJSON Polygon or MultiPolygon (WGS84), as the boundary files hold them. */
export type GeoJsonPolygonal =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/*
 * Which area a point lies in, for placing register entries (issue 20). Planar ray casting on longitude/latitude:
 * over a borough a few kilometres across the error is far below the width of a street. Each area's bounding box
 * is tested first, so placing 100,000 points tests a handful of polygons each, not every area.
 */

export interface PlaceArea {
  code: string;
  geometry: GeoJsonPolygonal;
}

interface Indexed {
  code: string;
  polygons: number[][][][];
  box: [number, number, number, number];
}

/** Inside a ring (even-odd rule); a point exactly on an edge may fall either side, as on a map. */
export function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside a polygon: inside its outer ring and outside each of its holes. */
export function inPolygon(rings: number[][][], x: number, y: number): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(outer, x, y)) return false;
  return !holes.some((h) => inRing(h, x, y));
}

function boxOf(polygons: number[][][][]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons)
    for (const [x, y] of (p[0] ?? []) as [number, number][]) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  return [minX, minY, maxX, maxY];
}

export interface PlaceIndex {
  /** The code of the area the point lies in, or null when it lies in none. */
  locate(lon: number, lat: number): string | null;
  has(code: string): boolean;
}

export function placeIndex(areas: readonly PlaceArea[]): PlaceIndex {
  const indexed: Indexed[] = areas.map((a) => {
    const polygons = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    return { code: a.code, polygons, box: boxOf(polygons) };
  });
  const codes = new Set(areas.map((a) => a.code));
  return {
    locate(lon, lat) {
      for (const a of indexed) {
        const [minX, minY, maxX, maxY] = a.box;
        if (lon < minX || lon > maxX || lat < minY || lat > maxY) continue;
        if (a.polygons.some((p) => inPolygon(p, lon, lat))) return a.code;
      }
      return null;
    },
    has: (code) => codes.has(code),
  };
}
