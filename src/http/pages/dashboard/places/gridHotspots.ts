import { sql } from 'kysely';
import type { Actor } from '../../../../auth/policy.ts';
import { AnalysisError } from '../../../../analysis/figure.ts';
import { type AnalysisResult, figuresOf } from '../../../../analysis/analysisResult.ts';
import type { Chart } from '../../../../charts/chart.ts';
import { hotspotMap, type HotspotUnit } from '../../../../charts/hotspotMap.ts';
import { analyseFor } from '../../../../release/analyseFor.ts';
import type { GeoJsonPolygonal } from '../../../../db/tables/reference.ts';
import { formatMonth } from '../../../../domain/periods/month.ts';
import type { Services } from '../../../../services.ts';
import type { Counted } from './placesQuery.ts';

/** Street points exist only in police.uk records; on the demo those hold burglary alone. */
const STREET_FALLBACK_CATEGORY = 'Burglary';
const CELL_M = 250;

export type GridHotspots =
  | { ok: true; result: AnalysisResult; chart: Chart; notes: string[] }
  | { ok: false; message: string; notes: string[] };

/** The latest month police.uk street records hold (YYYY-MM), or null when there are none. */
async function latestStreetMonth(services: Services): Promise<string | null> {
  const row = await services.db
    .selectFrom('count_slice')
    .select(sql<string | null>`to_char(max(month), 'YYYY-MM')`.as('latest'))
    .where('series', '=', 'police-uk-street')
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
  return row?.latest ?? null;
}

/**
 * Grid hot spots from police.uk street points (250 m cells, Getis-Ord Gi*
 * with the engine's Benjamini–Hochberg adjustment). Tries what the page
 * counts; when police.uk cannot count it, burglary; when the page's period is
 * beyond the last police.uk month, the latest 12 months police.uk holds.
 */
export async function gridHotspots(
  services: Services,
  actor: Actor,
  args: { counted: Counted; borough: string; period: string; backdrop: readonly GeoJsonPolygonal[] },
): Promise<GridHotspots> {
  const notes: string[] = [];
  const attempt = (request: Counted['request'], period: string) =>
    analyseFor(
      services,
      actor,
      { ...request, area: args.borough, period, by: 'grid', source: 'police-uk-street', cellSize: CELL_M },
      'page',
    );
  let request = args.counted.request;
  let period = args.period;
  let result: AnalysisResult | null = null;
  for (let step = 0; step < 3 && !result; step += 1) {
    try {
      result = await attempt(request, period);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      if (error.code === 'UNSUPPORTED' && !('category' in request && request.category === STREET_FALLBACK_CATEGORY)) {
        notes.push(
          `police.uk street records cannot count what this page maps (${error.message}), so the grid shows burglary, the category they hold.`,
        );
        request = { category: STREET_FALLBACK_CATEGORY };
        continue;
      }
      const latest = error.code === 'NO_DATA' ? await latestStreetMonth(services) : null;
      const fallback = latest ? `12 months to ${formatMonth(latest)}` : null;
      if (fallback && fallback !== period) {
        notes.push(
          `police.uk street records end in ${formatMonth(latest!)}, so the grid shows the ${fallback}, not ${args.period}.`,
        );
        period = fallback;
        continue;
      }
      return { ok: false, message: error.message, notes };
    }
  }
  if (!result) return { ok: false, message: 'no police.uk street records to map', notes };
  const units: HotspotUnit[] = figuresOf(result, 'grid-hotspots').flatMap((f) => {
    const centre = f.centre;
    if (!centre) return [];
    return [
      {
        code: `cell-${f.group.cell}`,
        name: `Cell ${f.group.cell} (${f.count ?? 0} ${result.definition.counts})`,
        geometry: cellSquare(centre, CELL_M),
        value: f.count,
        z: f.z ?? null,
        adjustedP: f.adjustedP ?? null,
        classification: f.classification ?? 'not significant',
      },
    ];
  });
  if (units.length === 0) return { ok: false, message: 'no located police.uk street records in this period', notes };
  const chart = hotspotMap({
    id: 'places-hotspots-grid',
    title: `Hot spots on a ${CELL_M} m grid: ${result.definition.name}, ${period} (police.uk street records)`,
    unitLabel: 'Grid cell',
    valueLabel: `${result.definition.counts} recorded`,
    valueFormat: 'count',
    method: `${result.figures[0]?.method ?? 'Getis-Ord Gi*'}; police.uk points are snapped to nearby street points, so cells are approximate`,
    units,
    backdrop: args.backdrop,
  });
  return { ok: true, result, chart, notes };
}

/** A square cell around its centre, as a WGS84 polygon (the engine's grid is in metres on a local plane). */
function cellSquare(c: { longitude: number; latitude: number }, size: number): GeoJsonPolygonal {
  const dx = size / 2 / (111_320 * Math.cos((c.latitude * Math.PI) / 180));
  const dy = size / 2 / 110_574;
  const [w, e, s, n] = [c.longitude - dx, c.longitude + dx, c.latitude - dy, c.latitude + dy];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
