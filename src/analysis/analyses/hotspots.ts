import { binSquare, cellCentre, squareNeighbourhood, type SquareGrid } from '../../domain/hotspots/binning.ts';
import { getisOrdGiStar } from '../../domain/hotspots/getisOrd.ts';
import { quarticDensity, resolutionWarnings, ruleOfThumbBandwidth } from '../../domain/hotspots/kernelDensity.ts';
import type { AnalysisContext } from '../context.ts';
import { AnalysisError } from '../figure.ts';
import type { DensityFigure, GridHotspotFigure } from '../figureShapes.ts';
import { expandPoints, latestExtract, mapPoints, snapSpacing, type MapPoints } from './mapPoints.ts';

/** The group columns (cell index and its centre in metres east/north of the map origin) every grid-cell figure carries. */
export function cellFigureBase(ctx: AnalysisContext, grid: SquareGrid, index: number) {
  const c = cellCentre(grid, index);
  return {
    group: { cell: String(index), x: c.x.toFixed(0), y: c.y.toFixed(0) },
    denominator: null,
    rate: null,
    lower: null,
    upper: null,
    multiplier: null,
    confidence: null,
    definition: ctx.selection.definition.id,
    source: ctx.source.name,
    extractDate: latestExtract(ctx),
  };
}

/** Longitude and latitude of a cell's centre, for maps. */
export function cellLonLat(map: MapPoints, grid: SquareGrid, index: number) {
  return map.toLonLat(cellCentre(grid, index));
}

/** Gi* needs two cells or more; a grid of one cell is a request Safer cannot answer, said in words. */
export function checkGrid(ctx: AnalysisContext, grid: SquareGrid): void {
  if (grid.counts.length < 2)
    throw new AnalysisError(
      'UNSUPPORTED',
      `every record for ${ctx.target.name} in ${ctx.period.label} falls in one ${grid.cellSize} m cell: a hotspot test needs two cells or more (use a smaller cell size)`,
    );
}

/** Grid counts with Getis-Ord Gi* (8 neighbours + the cell, Benjamini–Hochberg adjusted), one figure per non-empty or significant cell. */
export async function gridHotspots(ctx: AnalysisContext): Promise<GridHotspotFigure[]> {
  const map = await mapPoints(ctx);
  const cellSize = ctx.request.cellSize;
  ctx.warnings.push(...resolutionWarnings(null, cellSize, snapSpacing(map.distinct)));
  const grid = binSquare(expandPoints(map.counts), cellSize);
  checkGrid(ctx, grid);
  const gi = getisOrdGiStar(grid.counts, (i) => squareNeighbourhood(grid, i), { adjustment: 'Benjamini–Hochberg' });
  return gi.cells.flatMap((cell, i) => {
    if (cell.value === 0 && cell.classification === 'not significant') return [];
    return [
      {
        ...cellFigureBase(ctx, grid, i),
        count: cell.value,
        method: `${cellSize} m grid, Getis-Ord Gi* (queen neighbours, Benjamini–Hochberg)`,
        z: cell.z,
        p: cell.p,
        adjustedP: cell.adjustedP,
        classification: cell.classification,
        centre: cellLonLat(map, grid, i),
      } satisfies GridHotspotFigure,
    ];
  });
}

/** Quartic kernel density at grid-cell centres with the rule-of-thumb bandwidth. */
export async function kernelDensity(ctx: AnalysisContext): Promise<DensityFigure[]> {
  const map = await mapPoints(ctx);
  const points = expandPoints(map.counts);
  if (points.length < 2)
    throw new AnalysisError(
      'UNSUPPORTED',
      `a density surface needs at least 2 located records; ${ctx.target.name} has ${points.length} in ${ctx.period.label}`,
    );
  const cellSize = ctx.request.cellSize;
  const bw = ruleOfThumbBandwidth(points, { cellSize, snapSpacing: snapSpacing(map.distinct) });
  ctx.warnings.push(...bw.warnings);
  const grid = binSquare(points, cellSize);
  const centres = grid.counts.map((_, i) => cellCentre(grid, i));
  const density = bw.bandwidth > 0 ? quarticDensity(points, centres, bw.bandwidth) : centres.map(() => 0);
  return centres.map((_, i) => ({
    ...cellFigureBase(ctx, grid, i),
    count: grid.counts[i] ?? 0,
    rate: (density[i] ?? 0) * 1_000_000,
    method: `quartic kernel density per km², bandwidth ${bw.bandwidth.toFixed(0)} m (rule of thumb)`,
  }));
}
