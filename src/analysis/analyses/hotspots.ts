import { binSquare, cellCentre, squareNeighbourhood, type Point } from '../../domain/hotspots/binning.ts';
import { getisOrdGiStar } from '../../domain/hotspots/getisOrd.ts';
import { quarticDensity, resolutionWarnings, ruleOfThumbBandwidth } from '../../domain/hotspots/kernelDensity.ts';
import { countIn, total, type AnalysisContext } from '../context.ts';
import { AnalysisError, type Figure } from '../figure.ts';

/** Snap points as weighted, locally projected points (metres east/north of a reference; fine within a borough). */
async function snapPoints(ctx: AnalysisContext): Promise<{ points: Point[]; distinct: Point[]; origin: { lon: number; lat: number } }> {
  if (ctx.source.id !== 'police-uk-street') throw new AnalysisError('UNSUPPORTED', `${ctx.source.name} has no map points: use --by lsoa or --by ward for a map`);
  const rows = await countIn(ctx, ctx.period, 'point');
  const located = rows.filter((r) => r.group !== 'unknown' && r.group.includes(','));
  const parsed = located.map((r) => ({ lon: Number(r.group.split(',')[0]), lat: Number(r.group.split(',')[1]), n: r.count }));
  if (parsed.length === 0) throw new AnalysisError('NO_DATA', `no located police.uk records for ${ctx.target.name} in ${ctx.period.label}`);
  const origin = { lon: Math.min(...parsed.map((p) => p.lon)), lat: Math.min(...parsed.map((p) => p.lat)) };
  const kx = 111_320 * Math.cos((origin.lat * Math.PI) / 180);
  const project = (p: { lon: number; lat: number }): Point => ({ x: (p.lon - origin.lon) * kx, y: (p.lat - origin.lat) * 110_574 });
  const byPoint = new Map<string, { p: Point; n: number }>();
  for (const r of parsed) {
    const key = `${r.lon},${r.lat}`;
    const e = byPoint.get(key) ?? { p: project(r), n: 0 };
    e.n += r.n;
    byPoint.set(key, e);
  }
  const distinct = [...byPoint.values()].map((e) => e.p);
  const points = [...byPoint.values()].flatMap((e) => Array.from({ length: e.n }, () => e.p));
  const unlocated = total(rows) - located.reduce((a, r) => a + r.count, 0);
  if (unlocated > 0) ctx.warnings.push(`${unlocated} records have no map point and are left out`);
  return { points, distinct, origin };
}

/** Median distance from each snap point to its nearest neighbour: the finest scale police.uk locations support. */
export function snapSpacing(distinct: readonly Point[]): number | undefined {
  if (distinct.length < 2) return undefined;
  const sample = distinct.slice(0, 1500);
  const nearest = sample.map((a) => Math.min(...distinct.filter((b) => b !== a).map((b) => Math.hypot(a.x - b.x, a.y - b.y)))).sort((x, y) => x - y);
  return nearest[Math.floor(nearest.length / 2)];
}

/** Grid counts with Getis-Ord Gi* (8 neighbours + the cell, Benjamini–Hochberg adjusted), one figure per non-empty cell. */
export async function gridHotspots(ctx: AnalysisContext): Promise<Figure[]> {
  const { points, distinct, origin } = await snapPoints(ctx);
  const cellSize = ctx.request.cellSize;
  ctx.warnings.push(...resolutionWarnings(null, cellSize, snapSpacing(distinct)));
  const grid = binSquare(points, cellSize);
  const gi = getisOrdGiStar(grid.counts, (i) => squareNeighbourhood(grid, i), { adjustment: 'Benjamini–Hochberg' });
  return gi.cells.flatMap((cell, i) => {
    if (cell.value === 0 && cell.classification === 'not significant') return [];
    const c = cellCentre(grid, i);
    return [{
      group: { cell: String(i), x: c.x.toFixed(0), y: c.y.toFixed(0) },
      count: cell.value, denominator: null, rate: null, lower: null, upper: null, multiplier: null,
      method: `${cellSize} m grid, Getis-Ord Gi* (queen neighbours, Benjamini–Hochberg)`, confidence: null,
      definition: ctx.selection.definition.id, source: ctx.source.name, extractDate: null,
      z: cell.z, p: cell.p, adjustedP: cell.adjustedP, classification: cell.classification,
      centre: { longitude: origin.lon + c.x / (111_320 * Math.cos((origin.lat * Math.PI) / 180)), latitude: origin.lat + c.y / 110_574 },
    } satisfies Figure];
  });
}

/** Quartic kernel density at grid-cell centres with the rule-of-thumb bandwidth. */
export async function kernelDensity(ctx: AnalysisContext): Promise<Figure[]> {
  const { points, distinct } = await snapPoints(ctx);
  const cellSize = ctx.request.cellSize;
  const bw = ruleOfThumbBandwidth(points, { cellSize, snapSpacing: snapSpacing(distinct) });
  ctx.warnings.push(...bw.warnings);
  const grid = binSquare(points, cellSize);
  const centres = grid.counts.map((_, i) => cellCentre(grid, i));
  const density = bw.bandwidth > 0 ? quarticDensity(points, centres, bw.bandwidth) : centres.map(() => 0);
  return centres.map((c, i) => ({
    group: { cell: String(i), x: c.x.toFixed(0), y: c.y.toFixed(0) },
    count: grid.counts[i] ?? 0, denominator: null, rate: (density[i] ?? 0) * 1_000_000, lower: null, upper: null, multiplier: null,
    method: `quartic kernel density per km², bandwidth ${bw.bandwidth.toFixed(0)} m (rule of thumb)`, confidence: null,
    definition: ctx.selection.definition.id, source: ctx.source.name, extractDate: null,
  }));
}
