import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { TOLERANCE_M } from './boundaries.ts';
import { simplifyPolygonalSet } from './simplifyShared.ts';

type Position = number[];
const key = (p: Position) => `${p[0]},${p[1]}`;
const rings = (g: GeoJsonPolygonal): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
const vertexCount = (gs: readonly GeoJsonPolygonal[]) =>
  gs.reduce((n, g) => n + rings(g).reduce((m, r) => m + r.length, 0), 0);
const vertexKeys = (g: GeoJsonPolygonal) => new Set(rings(g).flatMap((r) => r.map(key)));
const edgeKey = (p: Position, q: Position) => [key(p), key(q)].sort().join('|');
const edgeKeys = (g: GeoJsonPolygonal) => new Set(rings(g).flatMap((r) => r.slice(1).map((q, i) => edgeKey(r[i]!, q))));

/** Metres from p to the segment a–b, longitude scaled at p's latitude. */
function metresToSegment(p: Position, a: Position, b: Position): number {
  const kx = 111_320 * Math.cos((p[1]! * Math.PI) / 180);
  const ky = 110_574;
  const [px, py, ax, ay, bx, by] = [p[0]! * kx, p[1]! * ky, a[0]! * kx, a[1]! * ky, b[0]! * kx, b[1]! * ky];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Every ring closed with at least 4 positions, and every original vertex within the tolerance of the simplified edge that replaced it. */
function expectValidWithinTolerance(
  original: GeoJsonPolygonal,
  simplified: GeoJsonPolygonal,
  toleranceM: number,
): void {
  const before = rings(original);
  const after = rings(simplified);
  expect(after).toHaveLength(before.length);
  after.forEach((ring, r) => {
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(key(ring[0]!)).toBe(key(ring[ring.length - 1]!));
    const source = before[r]!.slice(0, -1);
    const at = new Map(source.map((p, i) => [key(p), i] as const));
    for (let e = 1; e < ring.length; e += 1) {
      const i = at.get(key(ring[e - 1]!))!;
      const j = at.get(key(ring[e]!))!;
      expect(i).toBeDefined();
      expect(j).toBeDefined();
      for (let k = (i + 1) % source.length; k !== j; k = (k + 1) % source.length) {
        expect(metresToSegment(source[k]!, ring[e - 1]!, ring[e]!)).toBeLessThanOrEqual(toleranceM * 1.001);
      }
    }
  });
}

/**
 * Two 0.01° squares side by side whose shared edge (x = 0.01) swings 6 m east
 * then 6 m west with a 1 m ripple on it; A runs up it, B down it. A's ring starts on the
 * shared edge, B's at an outer corner (rings start anywhere in published
 * files), so simplifying each ring whole splits the border at different
 * points and keeps different wiggles on each side.
 */
function wigglySquares(): { a: GeoJsonPolygonal; b: GeoJsonPolygonal; border: Position[] } {
  const metre = 1 / (111_320 * Math.cos((51.505 * Math.PI) / 180));
  const border: Position[] = [];
  for (let i = 0; i <= 40; i += 1) {
    const wiggle = i === 0 || i === 40 ? 0 : 6 * Math.sin((i * Math.PI) / 20) + Math.sin(i * 2.3);
    border.push([0.01 + wiggle * metre, 51.5 + i * 0.00025]);
  }
  const aRing = [...border.slice(24), [0, 51.51], [0, 51.5], ...border.slice(0, 24)];
  const a = { type: 'Polygon' as const, coordinates: [[...aRing, aRing[0]!]] };
  const b = {
    type: 'Polygon' as const,
    coordinates: [[[0.02, 51.51], ...[...border].reverse(), [0.02, 51.5], [0.02, 51.51]]],
  };
  return { a, b, border };
}

/** How many pairs of distinct edges cross at a point inside both (edges sharing an end do not count). */
function crossingEdges(gs: readonly GeoJsonPolygonal[]): number {
  const seen = new Set<string>();
  const edges: [Position, Position][] = [];
  for (const g of gs) {
    for (const r of rings(g)) {
      for (let i = 1; i < r.length; i += 1) {
        if (seen.has(edgeKey(r[i - 1]!, r[i]!))) continue;
        seen.add(edgeKey(r[i - 1]!, r[i]!));
        edges.push([r[i - 1]!, r[i]!]);
      }
    }
  }
  const side = (a: Position, b: Position, c: Position) =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  const minX = (e: [Position, Position]) => Math.min(e[0][0]!, e[1][0]!);
  edges.sort((e, f) => minX(e) - minX(f));
  let crossings = 0;
  for (let i = 0; i < edges.length; i += 1) {
    const [p, q] = edges[i]!;
    for (let j = i + 1; j < edges.length && minX(edges[j]!) <= Math.max(p[0]!, q[0]!); j += 1) {
      const [r, t] = edges[j]!;
      if (side(p, q, r) * side(p, q, t) < 0 && side(r, t, p) * side(r, t, q) < 0) crossings += 1;
    }
  }
  return crossings;
}

/** Pairs of features sharing at least one edge, with the vertices they share. */
function sharedBorders(gs: readonly GeoJsonPolygonal[]): { i: number; j: number; shared: Set<string> }[] {
  const edges = gs.map(edgeKeys);
  const vertices = gs.map(vertexKeys);
  const pairs: { i: number; j: number; shared: Set<string> }[] = [];
  for (let i = 0; i < gs.length; i += 1) {
    for (let j = i + 1; j < gs.length; j += 1) {
      if (![...edges[i]!].some((e) => edges[j]!.has(e))) continue;
      pairs.push({ i, j, shared: new Set([...vertices[i]!].filter((v) => vertices[j]!.has(v))) });
    }
  }
  return pairs;
}

const demoBoundaries = (
  file: string,
  keep: (properties: Record<string, string>) => boolean = () => true,
): GeoJsonPolygonal[] => {
  const fc = JSON.parse(readFileSync(new URL(`../../demo-data/boundaries/${file}`, import.meta.url), 'utf8')) as {
    features: { properties: Record<string, string>; geometry: GeoJsonPolygonal }[];
  };
  return fc.features.filter((f) => keep(f.properties)).map((f) => f.geometry);
};

describe('simplifyPolygonalSet', () => {
  it('gives two neighbours the same simplified border: every vertex kept on it is kept by both, in the same order', () => {
    const { a, b, border } = wigglySquares();
    const [sa, sb] = simplifyPolygonalSet([a, b], 2.5);
    const onBorder = new Set(border.map(key));
    // Each ring's kept border vertices, read from the border's south end.
    const borderOf = (g: GeoJsonPolygonal, northward: boolean) => {
      const along = rings(g)[0]!
        .slice(0, -1)
        .map(key)
        .filter((k) => onBorder.has(k));
      return [...along].sort((p, q) => (Number(p.split(',')[1]) - Number(q.split(',')[1])) * (northward ? 1 : -1));
    };
    const alongA = borderOf(sa!, true);
    const alongB = borderOf(sb!, false);
    expect(alongA.length).toBeGreaterThan(2); // the big wiggles stay…
    expect(alongA.length).toBeLessThan(border.length); // …the small ones go
    expect(alongB).toEqual([...alongA].reverse());
    expect(edgeKeys(sa!).size + edgeKeys(sb!).size - new Set([...edgeKeys(sa!), ...edgeKeys(sb!)]).size).toBe(
      alongA.length - 1,
    );
    expect(crossingEdges([sa!, sb!])).toBe(0);
    expectValidWithinTolerance(a, sa!, 2.5);
    expectValidWithinTolerance(b, sb!, 2.5);
  });

  it('keeps every ring a valid closed ring of at least 4 positions, and neighbours still matched, however large the tolerance', () => {
    const { a, b, border } = wigglySquares();
    const [sa, sb] = simplifyPolygonalSet([a, b], 1e6);
    for (const g of [sa!, sb!]) {
      const ring = rings(g)[0]!;
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(new Set(ring.map(key)).size).toBeGreaterThanOrEqual(3);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    const onBorder = new Set(border.map(key));
    const keptA = rings(sa!)[0]!
      .map(key)
      .filter((k) => onBorder.has(k));
    const keptB = new Set(
      rings(sb!)[0]!
        .map(key)
        .filter((k) => onBorder.has(k)),
    );
    expect(new Set(keptA)).toEqual(keptB);
    // A lone triangle keeps all three corners.
    const triangle = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 51.5],
          [0.001, 51.5],
          [0, 51.501],
          [0, 51.5],
        ],
      ],
    };
    expect(simplifyPolygonalSet([triangle], 1e6)[0]).toEqual(triangle);
  });

  it("simplifies a hole and the island filling it alike, and keeps each ring's winding", () => {
    const lonPerMetre = 1 / 69_300;
    const ring: Position[] = [];
    for (let i = 0; i < 60; i += 1) {
      const t = (i * 2 * Math.PI) / 60;
      ring.push([
        0.005 + 100 * Math.cos(t) * lonPerMetre * (1 + 0.01 * Math.sin(7 * t)),
        51.505 + (100 * Math.sin(t)) / 111_000,
      ]);
    }
    const island = { type: 'Polygon' as const, coordinates: [[...ring, ring[0]!]] };
    // The hole runs the other way round from another starting point.
    const reversed = [...ring].reverse();
    const hole = [...reversed.slice(17), ...reversed.slice(0, 17), reversed[17]!];
    const outer = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 51.5],
          [0.01, 51.5],
          [0.01, 51.51],
          [0, 51.51],
          [0, 51.5],
        ],
        hole,
      ],
    };
    const [so, si] = simplifyPolygonalSet([outer, island], 2.5);
    const holeOut = rings(so!)[1]!;
    const islandOut = rings(si!)[0]!;
    expect(holeOut.length).toBeLessThan(hole.length);
    expect(new Set(holeOut.map(key))).toEqual(new Set(islandOut.map(key)));
    const signedArea = (r: Position[]) =>
      r.slice(1).reduce((s, q, i) => s + (r[i]![0]! * q[1]! - q[0]! * r[i]![1]!), 0);
    expect(Math.sign(signedArea(holeOut))).toBe(Math.sign(signedArea(hole)));
    expect(Math.sign(signedArea(islandOut))).toBe(Math.sign(signedArea(island.coordinates[0]!)));
    expectValidWithinTolerance(outer, so!, 2.5);
  });

  /*
   * Vertex counts (positions, closing ones included) at the map tolerances,
   * measured on the carried files:
   *   Tower Hamlets LSOAs 2021 (169), 2.5 m: 37,388 → 7,862 each ring on its own (÷4.76), 484 crossing edges
   *                                                  → 7,553 shared arcs (÷4.95), no crossing edges
   *   Tower Hamlets wards 2018 (20), 4 m:     4,359 →   949 each ring on its own (÷4.59)
   *                                                  →   858 shared arcs (÷5.08)
   * The per-ring figures are from the Douglas–Peucker code this replaced
   * (boundaries.ts at eea60de), which fails every test in this file but the
   * second: its neighbours part along shared borders.
   */
  const cases = [
    {
      name: 'LSOAs 2021',
      file: 'lsoa2021_TowerHamlets_wgs84.geojson',
      keep: undefined,
      tolerance: TOLERANCE_M.lsoa,
      perRing: 7_862,
      pairs: 451,
    },
    {
      name: 'wards 2018',
      file: 'wards2018_TH_Hackney_Newham_wgs84.geojson',
      keep: (p: Record<string, string>) => p.LAGSSCODE === 'E09000030',
      tolerance: TOLERANCE_M.ward,
      perRing: 949,
      pairs: 40,
    },
  ] as const;
  for (const c of cases) {
    it(`keeps every shared border of the Tower Hamlets ${c.name} identical in both neighbours, no edges crossing, with fewer vertices than simplifying each ring whole`, () => {
      const original = demoBoundaries(c.file, c.keep);
      const simplified = simplifyPolygonalSet(original, c.tolerance);
      const pairs = sharedBorders(original);
      expect(pairs.length).toBe(c.pairs);
      const keptVertices = simplified.map(vertexKeys);
      const keptEdges = simplified.map(edgeKeys);
      const originalEdges = original.map(edgeKeys);
      let borderEdges = 0;
      for (const { i, j, shared } of pairs) {
        // The same vertices along the border in both…
        const alongI = [...shared].filter((v) => keptVertices[i]!.has(v)).sort();
        const alongJ = [...shared].filter((v) => keptVertices[j]!.has(v)).sort();
        expect(alongI.length).toBeGreaterThanOrEqual(2);
        expect(alongJ).toEqual(alongI);
        // …and every simplified edge standing for a stretch of border both had is an edge of both (no sliver, no gap).
        for (const [self, other] of [
          [i, j],
          [j, i],
        ] as const) {
          for (const ring of rings(simplified[self]!)) {
            const source = rings(original[self]!)[rings(simplified[self]!).indexOf(ring)]!.slice(0, -1);
            const at = new Map(source.map((p, n) => [key(p), n] as const));
            for (let e = 1; e < ring.length; e += 1) {
              let k = at.get(key(ring[e - 1]!))!;
              const end = at.get(key(ring[e]!))!;
              let alongBorder = true;
              while (k !== end && alongBorder) {
                const next = (k + 1) % source.length;
                alongBorder = originalEdges[other]!.has(edgeKey(source[k]!, source[next]!));
                k = next;
              }
              if (!alongBorder) continue;
              borderEdges += 1;
              expect(keptEdges[other]!.has(edgeKey(ring[e - 1]!, ring[e]!))).toBe(true);
            }
          }
        }
      }
      expect(borderEdges).toBeGreaterThan(4 * pairs.length); // LSOAs 7,054, wards 572
      expect(crossingEdges(original)).toBe(0);
      expect(crossingEdges(simplified)).toBe(0);
      original.forEach((g, i) => expectValidWithinTolerance(g, simplified[i]!, c.tolerance));
      const before = vertexCount(original);
      const after = vertexCount(simplified);
      expect(before / after).toBeGreaterThanOrEqual(before / c.perRing);
    });
  }
});
