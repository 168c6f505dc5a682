import { binSquare, squareNeighbourhood } from '../../domain/hotspots/binning.ts';
import { classifyEmergingHotspot, DEFAULT_EMERGING_PARAMETERS } from '../../domain/hotspots/emergingHotspots.ts';
import { getisOrdGiStar } from '../../domain/hotspots/getisOrd.ts';
import { resolutionWarnings } from '../../domain/hotspots/kernelDensity.ts';
import type { AnalysisContext } from '../context.ts';
import { periodMonths } from '../../domain/periods/period.ts';
import { AnalysisError } from '../figure.ts';
import type { EmergingHotspotFigure } from '../figureShapes.ts';
import { cellFigureBase, cellLonLat, checkGrid } from './hotspots.ts';
import { expandPoints, extentOf, mapPoints, snapSpacing } from './mapPoints.ts';

type GiClass = 'hot spot' | 'cold spot' | 'not significant';

/**
 * Emerging-hotspot classes (after sfhotspot's hotspot_classify): one grid
 * over the whole period, Gi* (queen neighbours, Benjamini–Hochberg) in every
 * month of it, then each cell classed from its run of monthly results —
 * persistent, emerging, former, intermittent (hot or cold), or no pattern.
 * One figure per cell with records or a pattern.
 */
export async function emergingHotspots(ctx: AnalysisContext): Promise<EmergingHotspotFigure[]> {
  const months = periodMonths(ctx.period);
  if (months.length < 2)
    throw new AnalysisError(
      'INVALID',
      `emerging hotspots compare months: ${ctx.period.label} is one month (choose a period of two months or more)`,
    );
  const map = await mapPoints(ctx);
  const cellSize = ctx.request.cellSize;
  ctx.warnings.push(...resolutionWarnings(null, cellSize, snapSpacing(map.distinct)));
  const all = expandPoints(map.counts);
  const extent = extentOf(all);
  const whole = binSquare(all, cellSize, extent);
  checkGrid(ctx, whole);
  // Every month on the same cells, so a cell's run of results is comparable.
  const byMonth = months.map((month) => {
    const grid = binSquare(expandPoints(map.counts.filter((c) => c.month === month)), cellSize, extent);
    return getisOrdGiStar(grid.counts, (i) => squareNeighbourhood(grid, i), {
      adjustment: 'Benjamini–Hochberg',
    }).cells.map((c) => c.classification);
  });
  const p = DEFAULT_EMERGING_PARAMETERS;
  const method = `${cellSize} m grid, Getis-Ord Gi* per month (queen neighbours, Benjamini–Hochberg), classes after sfhotspot (persistent ≥ ${p.persistentShare * 100}% of months; recent = last ${p.recentShare * 100}% of months; ${p.hotspotShare * 100}% threshold)`;
  return whole.counts.flatMap((count, i) => {
    const run: GiClass[] = byMonth.map((cells) => cells[i] as GiClass);
    const classification = classifyEmergingHotspot(run, p);
    if (count === 0 && classification === 'no pattern') return [];
    return [
      {
        ...cellFigureBase(ctx, whole, i),
        count,
        method,
        classification,
        hotMonths: run.filter((c) => c === 'hot spot').length,
        coldMonths: run.filter((c) => c === 'cold spot').length,
        months: months.length,
        centre: cellLonLat(map, whole, i),
      } satisfies EmergingHotspotFigure,
    ];
  });
}
