import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import type { Chart, ChartTable } from './chart.ts';
import { legendColumn, type LegendItem } from './mapLegend.ts';
import { areaShape, mapDocument, projectOutlines } from './mapShapes.ts';
import { COLOURS, formatCount, formatRate, safeId } from './svg.ts';

export type HotspotClass = 'hot spot' | 'cold spot' | 'not significant';

/** One area or grid cell tested with Getis-Ord Gi*. */
export interface HotspotUnit {
  code: string;
  name: string;
  geometry: GeoJsonPolygonal;
  /** What was tested (a rate or a count), shown beside the statistic. */
  value: number | null;
  z: number | null;
  adjustedP: number | null;
  classification: HotspotClass;
  href?: string;
}

export interface HotspotMapInput {
  id: string;
  title: string;
  /** 'Ward', 'LSOA' or 'Grid cell'. */
  unitLabel: string;
  valueLabel: string;
  valueFormat: 'rate' | 'count';
  /** How the statistic was computed, e.g. "Getis-Ord Gi* over each ward and its neighbours, Benjamini–Hochberg adjusted, 5% level". */
  method: string;
  units: readonly HotspotUnit[];
  /** Outlines drawn under the cells for orientation (e.g. wards under a grid); not links. */
  backdrop?: readonly GeoJsonPolygonal[];
}

/** Hot spots red with a heavy outline, cold spots blue with a dashed one: told apart by more than colour. */
export const HOTSPOT_STYLE: Record<HotspotClass, { fill: string; stroke: string; strokeWidth: number; dash?: string }> =
  {
    'hot spot': { fill: COLOURS.diverging[4], stroke: COLOURS.text, strokeWidth: 2 },
    'cold spot': { fill: COLOURS.diverging[0], stroke: COLOURS.text, strokeWidth: 1.5, dash: '4 2' },
    'not significant': { fill: COLOURS.diverging[2], stroke: COLOURS.secondaryText, strokeWidth: 0.6 },
  };
const LAYOUT = { width: 640, mapHeight: 520, margin: 10 } as const;

export function hotspotMap(input: HotspotMapInput): Chart {
  const id = safeId(input.id);
  const fmt = input.valueFormat === 'count' ? formatCount : formatRate;
  const { width, mapHeight, margin } = LAYOUT;
  const box = { x: margin, y: margin, width: width - 2 * margin, height: mapHeight - 2 * margin };
  const backdrop = input.backdrop ?? [];
  // Cells and backdrop are projected together so they line up.
  const all = projectOutlines([...backdrop, ...input.units.map((u) => u.geometry)], box);
  const under = all
    .slice(0, backdrop.length)
    .map((d) => `<path d="${d}" fill="#ffffff" stroke="${COLOURS.grid}" stroke-width="0.8"/>`)
    .join('');
  const paths = all.slice(backdrop.length);
  // Significant units last, so their heavier outlines are not covered by their neighbours.
  const order = input.units
    .map((_u, i) => i)
    .sort((a, b) => rankOf(input.units[a]!.classification) - rankOf(input.units[b]!.classification));
  const shapes = order.map((i) => {
    const u = input.units[i]!;
    const style = HOTSPOT_STYLE[u.classification];
    const label = `${u.name}: ${u.classification}${u.z === null ? '' : ` (z = ${u.z.toFixed(2)}, adjusted p = ${formatP(u.adjustedP)})`}; ${u.value === null ? 'no data' : `${fmt(u.value)} ${input.valueLabel}`}`;
    const shape = areaShape(paths[i]!, {
      className: `app-map__area app-map__area--${safeId(u.classification)}`,
      fill: style.fill,
      stroke: style.stroke,
      strokeWidth: style.strokeWidth,
      code: u.code,
      label,
      href: u.href,
    });
    return style.dash
      ? shape.replace('stroke-linejoin="round"', `stroke-linejoin="round" stroke-dasharray="${style.dash}"`)
      : shape;
  });
  const counts = countClasses(input.units);
  const items: LegendItem[] = (['hot spot', 'not significant', 'cold spot'] as const).map((c) => ({
    fill: HOTSPOT_STYLE[c].fill,
    stroke: HOTSPOT_STYLE[c].stroke,
    strokeWidth: HOTSPOT_STYLE[c].strokeWidth,
    dash: HOTSPOT_STYLE[c].dash,
    label: `${capitalise(c)} (${counts[c]})`,
  }));
  const legend = legendColumn('Getis-Ord Gi* result', items, margin + 4, mapHeight + 4);
  const height = mapHeight + legend.height + 16;
  const description = `${capitalise(input.unitLabel.toLowerCase())} hot spot map: ${input.units.length} ${input.unitLabel.toLowerCase()}s tested; ${counts['hot spot']} hot spot${counts['hot spot'] === 1 ? '' : 's'}${names(input.units, 'hot spot')}, ${counts['cold spot']} cold spot${counts['cold spot'] === 1 ? '' : 's'}${names(input.units, 'cold spot')}, ${counts['not significant']} not significant. Method: ${input.method}.`;
  const svg = mapDocument(
    { id: input.id, width, height, title: input.title, description },
    `${under}<g class="app-map__areas">${shapes.join('')}</g>${legend.svg}`,
    input.units.some((u) => u.href),
  );
  return { id, title: input.title, description, svg, table: hotspotTable(input, fmt) };
}

const rankOf = (c: HotspotClass) => (c === 'not significant' ? 0 : 1);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const formatP = (p: number | null) => (p === null ? 'n/a' : p < 0.001 ? 'below 0.001' : p.toFixed(3));

function countClasses(units: readonly HotspotUnit[]): Record<HotspotClass, number> {
  const out: Record<HotspotClass, number> = { 'hot spot': 0, 'cold spot': 0, 'not significant': 0 };
  for (const u of units) out[u.classification] += 1;
  return out;
}

function names(units: readonly HotspotUnit[], c: HotspotClass): string {
  const list = units.filter((u) => u.classification === c).map((u) => u.name);
  if (list.length === 0 || list.length > 5) return '';
  return ` (${list.join(', ')})`;
}

function hotspotTable(input: HotspotMapInput, fmt: (n: number) => string): ChartTable {
  const rows = input.units
    .slice()
    .sort((a, b) => (b.z ?? -Infinity) - (a.z ?? -Infinity))
    .map((u) => [
      u.name,
      u.value === null ? 'no data' : fmt(u.value),
      u.z === null ? 'n/a' : u.z.toFixed(2),
      formatP(u.adjustedP),
      u.classification,
    ]);
  return {
    caption: input.title,
    head: [input.unitLabel, capitalise(input.valueLabel), 'Gi* z-score', 'Adjusted p', 'Result'],
    rows,
    numeric: [false, true, true, true, false],
  };
}
