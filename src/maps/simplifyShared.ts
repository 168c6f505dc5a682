import type { GeoJsonPolygonal } from '../db/tables/reference.ts';

/**
 * Topology-preserving simplification of a set of outlines (the wards or LSOAs
 * of one map). Simplifying each ring on its own lets two neighbours keep
 * different vertices along the border they share, which shows on a map as
 * slivers and gaps. Here the rings are first cut into arcs, as TopoJSON does:
 * a vertex is a junction where the rings through it do not all run on to the
 * same two neighbouring vertices (three or more areas meet, or two neighbours
 * part). Each distinct arc is simplified once, with its two ends kept, and
 * every ring is put back together from its arcs, so a shared border comes out
 * with the same vertices in both areas and areas meet at the same points.
 *
 * Vertices are matched by exact coordinates: published boundary sets are
 * edge-matched, so neighbours repeat each other's vertices exactly (where
 * they do not, the arcs part there and each side is simplified on its own).
 *
 * The tolerance is in metres (longitude scaled by the cosine of the arc's
 * latitude) and bounds the error as Douglas–Peucker's does: every dropped
 * vertex lies within the tolerance of the segment that replaces it. The
 * vertices kept are chosen greedily (from each kept vertex, the farthest one
 * whose segment covers every vertex between), which keeps fewer than
 * Douglas–Peucker at the same tolerance and more than makes up for the
 * junctions that must be kept. A ring that would fall below 3 distinct points
 * (4 positions, closed) gets back the dropped points Douglas–Peucker would
 * take first until it has 3, the same points in every ring sharing its arcs;
 * and where two simplified segments would cross (arcs running a few metres
 * apart), dropped points come back until they do not. Points are only ever
 * added back, so neither repair undoes the other or loosens the tolerance.
 */
export function simplifyPolygonalSet(geometries: readonly GeoJsonPolygonal[], toleranceM: number): GeoJsonPolygonal[] {
  let positionCount = 0;
  for (const g of geometries) for (const ring of polygonRings(g)) positionCount += ring.length;
  const points = new PointIndex(positionCount);
  // Every ring as point ids, without the closing repeat or consecutive repeats.
  const ringIds: (number[] | null)[] = [];
  const ringSources: number[][][] = [];
  for (const g of geometries) {
    for (const ring of polygonRings(g)) {
      ringSources.push(ring);
      const ids = ringPointIds(ring, points);
      ringIds.push(ids.length >= 3 ? ids : null);
    }
  }

  const junction = findJunctions(ringIds, points.size);
  const arcs = new ArcStore();
  const ringArcs = ringIds.map((ids) => (ids ? cutIntoArcs(ids, junction).map((a) => arcs.add(a)) : null));
  const simplified = arcs.list.map((ids) => simplifyArc(ids, points.positions, toleranceM));

  // A ring needs 3 distinct points: add back the most significant dropped points of its arcs until it has them.
  for (const refs of ringArcs) {
    if (!refs) continue;
    const distinct = () => refs.reduce((n, r) => n + simplified[r.arc]!.kept - 1, 0);
    while (distinct() < 3) {
      let best: { arc: ArcSimplification; point: number; sig: number } | null = null;
      for (const r of refs) {
        const arc = simplified[r.arc]!;
        const point = arc.mostSignificantDropped();
        if (point >= 0 && (!best || arc.significance[point]! > best.sig))
          best = { arc, point, sig: arc.significance[point]! };
      }
      if (!best) break;
      best.arc.keep(best.point);
    }
  }
  uncross(arcs.list, simplified, points.positions);

  let next = 0;
  const ring = (): number[][] => {
    const i = next;
    next += 1;
    const refs = ringArcs[i];
    if (!refs) return ringSources[i]!;
    const out: number[][] = [];
    for (const r of refs) {
      const s = simplified[r.arc]!;
      const ids = arcs.list[r.arc]!;
      const kept: number[] = [];
      for (let k = 0; k < ids.length; k += 1) if (s.keepFlags[k] === 1) kept.push(ids[k]!);
      if (r.reversed) kept.reverse();
      // Each arc starts where the last one ended.
      for (let k = out.length === 0 ? 0 : 1; k < kept.length; k += 1) out.push(points.positions[kept[k]!]!);
    }
    if (out[0] !== out[out.length - 1]) out.push(out[0]!);
    return out;
  };
  return geometries.map((g) =>
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map(() => ring()) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(() => ring())) },
  );
}

function polygonRings(g: GeoJsonPolygonal): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/**
 * One id per distinct position (by exact longitude and latitude; the first
 * position seen stands for it): an open-addressing hash table on the two
 * numbers, several times faster than a Map keyed by strings.
 */
class PointIndex {
  readonly positions: number[][] = [];
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly pair = new Float64Array(2);
  private readonly words = new Uint32Array(this.pair.buffer);
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }
  get size(): number {
    return this.positions.length;
  }
  id(p: number[]): number {
    const x = p[0]! + 0; // -0 and 0 are the same place
    const y = p[1]! + 0;
    this.pair[0] = x;
    this.pair[1] = y;
    const w = this.words;
    let h =
      Math.imul(w[0]! ^ Math.imul(w[1]!, 0x9e3779b1), 0x85ebca6b) ^
      Math.imul(w[2]! ^ Math.imul(w[3]!, 0xc2b2ae35), 0x27d4eb2f);
    h ^= h >>> 15;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot]!;
      if (id === -1) {
        this.table[slot] = this.positions.length;
        this.positions.push(p);
        return this.positions.length - 1;
      }
      const q = this.positions[id]!;
      if (q[0] === x && q[1] === y) return id;
    }
  }
}

function ringPointIds(ring: readonly number[][], points: PointIndex): number[] {
  const ids: number[] = [];
  for (const p of ring) {
    const id = points.id(p);
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  while (ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
  return ids;
}

/**
 * A point is a junction when two passes through it (in any rings, either way
 * round) have different pairs of neighbouring points: there the rings meeting
 * at it part, so an arc must end there.
 */
function findJunctions(rings: readonly (number[] | null)[], pointCount: number): Uint8Array {
  const lo = new Int32Array(pointCount).fill(-1);
  const hi = new Int32Array(pointCount).fill(-1);
  const junction = new Uint8Array(pointCount);
  for (const ids of rings) {
    if (!ids) continue;
    const n = ids.length;
    for (let i = 0; i < n; i += 1) {
      const id = ids[i]!;
      const a = ids[(i + n - 1) % n]!;
      const b = ids[(i + 1) % n]!;
      const l = Math.min(a, b);
      const h = Math.max(a, b);
      if (lo[id] === -1) {
        lo[id] = l;
        hi[id] = h;
      } else if (lo[id] !== l || hi[id] !== h) junction[id] = 1;
    }
  }
  return junction;
}

/**
 * A ring's arcs, each from junction to junction inclusive. A ring with no
 * junction is one closed arc starting at its lowest point id, so that a ring
 * repeated elsewhere (a hole filled by another area) starts at the same point.
 */
function cutIntoArcs(ids: readonly number[], junction: Uint8Array): number[][] {
  const n = ids.length;
  let start = ids.findIndex((id) => junction[id] === 1);
  if (start < 0) {
    start = 0;
    for (let i = 1; i < n; i += 1) if (ids[i]! < ids[start]!) start = i;
    const closed = [...ids.slice(start), ...ids.slice(0, start)];
    closed.push(closed[0]!);
    return [closed];
  }
  const arcs: number[][] = [];
  let arc = [ids[start]!];
  for (let k = 1; k <= n; k += 1) {
    const id = ids[(start + k) % n]!;
    arc.push(id);
    if (junction[id] === 1) {
      arcs.push(arc);
      arc = [id];
    }
  }
  return arcs;
}

interface ArcRef {
  arc: number;
  reversed: boolean;
}

/** Distinct arcs, each held once in one direction whichever way round the rings using it run. */
class ArcStore {
  readonly list: number[][] = [];
  private readonly byKey = new Map<string, number>();
  add(ids: number[]): ArcRef {
    const last = ids.length - 1;
    // Canonical direction: from the lower end id; a closed arc, towards the lower of its two second points.
    const reversed = ids[0] !== ids[last] ? ids[0]! > ids[last]! : ids[1]! > ids[last - 1]!;
    const canonical = reversed ? [...ids].reverse() : ids;
    const key = canonical.join(',');
    let arc = this.byKey.get(key);
    if (arc === undefined) {
      arc = this.list.length;
      this.list.push(canonical);
      this.byKey.set(key, arc);
    }
    return { arc, reversed };
  }
}

/**
 * Two simplified segments can cross where arcs run close (a narrow strip, a
 * tight bend): each segment in a crossing that stands for dropped points gets
 * back the one farthest from it, until nothing crosses that can be helped.
 * Segments touching at a shared point do not count; nor do crossings already
 * in the outlines given.
 */
function uncross(
  arcs: readonly number[][],
  simplified: readonly ArcSimplification[],
  positions: readonly number[][],
): void {
  for (let round = 0; round < 100; round += 1) {
    const segments: { arc: number; from: number; to: number; p: number[]; q: number[]; minX: number; maxX: number }[] =
      [];
    arcs.forEach((ids, arc) => {
      const flags = simplified[arc]!.keepFlags;
      let from = 0;
      for (let to = 1; to < ids.length; to += 1) {
        if (flags[to] === 0) continue;
        const p = positions[ids[from]!]!;
        const q = positions[ids[to]!]!;
        segments.push({ arc, from, to, p, q, minX: Math.min(p[0]!, q[0]!), maxX: Math.max(p[0]!, q[0]!) });
        from = to;
      }
    });
    segments.sort((a, b) => a.minX - b.minX);
    const split = new Set<(typeof segments)[number]>();
    for (let i = 0; i < segments.length; i += 1) {
      const s = segments[i]!;
      for (let j = i + 1; j < segments.length && segments[j]!.minX <= s.maxX; j += 1) {
        const t = segments[j]!;
        if (crosses(s.p, s.q, t.p, t.q)) {
          split.add(s);
          split.add(t);
        }
      }
    }
    let changed = false;
    for (const s of split) changed = simplified[s.arc]!.keepFarthestBetween(s.from, s.to) || changed;
    if (!changed) return;
  }
}

/** Whether segments p–q and r–t cross at a point inside both (sharing an end is not crossing). */
function crosses(p: number[], q: number[], r: number[], t: number[]): boolean {
  if (Math.max(p[1]!, q[1]!) < Math.min(r[1]!, t[1]!) || Math.max(r[1]!, t[1]!) < Math.min(p[1]!, q[1]!)) return false;
  return side(p, q, r) * side(p, q, t) < 0 && side(r, t, p) * side(r, t, q) < 0;
}

/** Which side of the line a–b the point c lies: 1, -1, or 0 on it. */
function side(a: number[], b: number[], c: number[]): number {
  return Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
}

/** Which points of an arc are kept (its two ends always). */
class ArcSimplification {
  readonly keepFlags: Uint8Array;
  kept = 0;
  private sig: Float64Array | null = null;
  constructor(
    private readonly x: Float64Array,
    private readonly y: Float64Array,
    toleranceM: number,
  ) {
    this.keepFlags = greedyKeep(x, y, toleranceM);
    for (const f of this.keepFlags) this.kept += f;
  }
  /** Douglas–Peucker significance of each point, worked out only for the few arcs of rings that would collapse. */
  get significance(): Float64Array {
    this.sig ??= douglasPeuckerSignificance(this.x, this.y);
    return this.sig;
  }
  /** The dropped point Douglas–Peucker would keep first, or -1. */
  mostSignificantDropped(): number {
    let best = -1;
    for (let i = 0; i < this.keepFlags.length; i += 1) {
      if (this.keepFlags[i] === 0 && (best < 0 || this.significance[i]! > this.significance[best]!)) best = i;
    }
    return best;
  }
  keep(i: number): void {
    if (this.keepFlags[i] === 0) {
      this.keepFlags[i] = 1;
      this.kept += 1;
    }
  }
  /** Keeps the point between two kept ones farthest from the segment joining them; false if there is none. */
  keepFarthestBetween(from: number, to: number): boolean {
    const { x, y } = this;
    let best = -1;
    let bestD = -1;
    for (let i = from + 1; i < to; i += 1) {
      const d = segmentDistance(x[i]!, y[i]!, x[from]!, y[from]!, x[to]!, y[to]!);
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) return false;
    this.keep(best);
    return true;
  }
}

function simplifyArc(ids: readonly number[], positions: readonly number[][], toleranceM: number): ArcSimplification {
  const n = ids.length;
  const lat0 = ((positions[ids[0]!]![1] ?? 0) * Math.PI) / 180;
  const kx = 111_320 * Math.cos(lat0);
  const ky = 110_574;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const p = positions[ids[i]!]!;
    x[i] = p[0]! * kx;
    y[i] = p[1]! * ky;
  }
  return new ArcSimplification(x, y, toleranceM);
}

/**
 * From the first point, keeps the farthest point whose segment from the last
 * kept point passes within the tolerance of every point between, and so on to
 * the end. A candidate is first tested on the point that ruled out the one
 * before it, which usually rules it out too, so most tests cost one distance.
 * Candidates lie at most LOOK_AHEAD points on (Lang's algorithm), so a long
 * arc costs time in proportion to its length.
 */
const LOOK_AHEAD = 256;

function greedyKeep(x: Float64Array, y: Float64Array, toleranceM: number): Uint8Array {
  const n = x.length;
  const keep = new Uint8Array(n);
  const off = (j: number, a: number, b: number) =>
    segmentDistance(x[j]!, y[j]!, x[a]!, y[a]!, x[b]!, y[b]!) > toleranceM;
  keep[0] = 1;
  let a = 0;
  while (a < n - 1) {
    let b = a + 1;
    let witness = -1;
    for (let t = Math.min(n - 1, a + LOOK_AHEAD); t > a + 1; t -= 1) {
      if (witness > a && witness < t && off(witness, a, t)) continue;
      let j = a + 1;
      while (j < t && !off(j, a, t)) j += 1;
      if (j === t) {
        b = t;
        break;
      }
      witness = j;
    }
    keep[b] = 1;
    a = b;
  }
  return keep;
}

/**
 * Douglas–Peucker significance of every point of an arc: the distance at
 * which it is split off, capped by the point it was split under, so that the
 * points above any tolerance are exactly those Douglas–Peucker keeps at it.
 */
function douglasPeuckerSignificance(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const sig = new Float64Array(n);
  sig[0] = Infinity;
  sig[n - 1] = Infinity;
  const stack: [number, number, number][] = [[0, n - 1, Infinity]];
  while (stack.length > 0) {
    const [a, b, cap] = stack.pop()!;
    let worst = -1;
    let worstD = -1;
    for (let i = a + 1; i < b; i += 1) {
      const d = segmentDistance(x[i]!, y[i]!, x[a]!, y[a]!, x[b]!, y[b]!);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      const s = Math.min(worstD, cap);
      sig[worst] = s;
      stack.push([a, worst, s], [worst, b, s]);
    }
  }
  return sig;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
