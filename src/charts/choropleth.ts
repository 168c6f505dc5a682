import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import type { Chart, ChartTable } from './chart.ts';
import { className, classIndex, legendColumn, mapClasses, type LegendItem, type MapClass } from './mapLegend.ts';
import { areaShape, mapDocument, projectOutlines } from './mapShapes.ts';
import { COLOURS, formatCount, formatRate, safeId } from './svg.ts';

export interface MapArea {
  code: string;
  name: string;
  geometry: GeoJsonPolygonal;
  /** null: no figure for this area (drawn white, said in words, never as a zero). */
  value: number | null;
  /** Where the area's link goes (its overview); no link when absent. */
  href?: string;
  /** IMD 2019 decile (1 = most deprived 10% in England), for the deprivation overlay. */
  imdDecile?: number | null;
}

export interface ChoroplethInput {
  id: string;
  title: string;
  /** 'Ward' or 'LSOA': names the table's first column and the areas in the text alternative. */
  areaLabel: string;
  /** What the value is, e.g. "offences per 1,000 residents". */
  valueLabel: string;
  valueFormat: 'rate' | 'count';
  areas: readonly MapArea[];
  /** Hatch and outline areas in IMD 2019 deciles 1 to this (e.g. 2: the most deprived 20% in England). */
  deprivedDeciles?: number;
}

export const CHOROPLETH_LAYOUT = { width: 640, mapHeight: 520, margin: 10 } as const;
const NO_DATA_FILL = '#ffffff';

/** A classed choropleth: five quantile classes, each area a link to its overview, with an optional IMD overlay. */
export function choropleth(input: ChoroplethInput): Chart {
  const whole = input.valueFormat === 'count';
  const fmt = whole ? formatCount : formatRate;
  const values = input.areas.map((a) => a.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const classes = mapClasses(values, 5, whole);
  const breaks = classes.slice(1).map((c) => c.from);
  const classOf = (v: number | null) => (v === null || !Number.isFinite(v) ? null : classIndex(v, breaks));
  const overlay = input.deprivedDeciles ?? 0;
  const deprived = (a: MapArea) => overlay > 0 && a.imdDecile != null && a.imdDecile <= overlay;
  const id = safeId(input.id);
  const { width, mapHeight, margin } = CHOROPLETH_LAYOUT;
  const paths = projectOutlines(
    input.areas.map((a) => a.geometry),
    { x: margin, y: margin, width: width - 2 * margin, height: mapHeight - 2 * margin },
  );

  const shapes = input.areas.map((a, i) => {
    const c = classOf(a.value);
    const fill = c === null ? NO_DATA_FILL : classes[c]!.colour;
    const label = `${a.name}: ${a.value === null ? 'no data' : `${fmt(a.value)} ${input.valueLabel}, ${className(c!, classes.length)}`}${deprived(a) ? `; among the ${overlay * 10}% most deprived areas in England (IMD 2019 decile ${a.imdDecile})` : ''}`;
    return areaShape(paths[i]!, {
      className: 'app-map__area',
      fill,
      stroke: COLOURS.secondaryText,
      strokeWidth: 0.6,
      code: a.code,
      label,
      href: a.href,
    });
  });
  // The overlay sits above the links and lets pointer events through to them.
  const hatched = input.areas
    .map((a, i) =>
      deprived(a)
        ? `<path class="app-map__overlay" d="${paths[i]}" fill="url(#${id}-hatch)" stroke="${COLOURS.text}" stroke-width="2" pointer-events="none"/>`
        : '',
    )
    .join('');
  const defs =
    overlay > 0
      ? `<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOURS.text}" stroke-width="1.2"/></pattern></defs>`
      : '';

  const items: LegendItem[] = classes.map((c) => ({
    fill: c.colour,
    label: `${c.words} (${c.areas} ${plural(input.areaLabel, c.areas)})`,
  }));
  const missing = input.areas.length - values.length;
  if (missing > 0)
    items.push({ fill: NO_DATA_FILL, label: `No data (${missing} ${plural(input.areaLabel, missing)})` });
  const overlaid = input.areas.filter(deprived).length;
  if (overlay > 0)
    items.push({
      fill: `url(#${id}-hatch)`,
      stroke: COLOURS.text,
      strokeWidth: 2,
      label: `Hatched: ${overlay * 10}% most deprived in England, IMD 2019 (${overlaid})`,
    });
  const legend = legendColumn(`${capitalise(input.valueLabel)}`, items, margin + 4, mapHeight + 4);
  const height = mapHeight + legend.height + 16;

  const description = describe(input, classes, values.length, missing, overlaid, fmt);
  const svg = mapDocument(
    { id: input.id, width, height, title: input.title, description },
    `${defs}<g class="app-map__areas">${shapes.join('')}</g>${hatched}${legend.svg}`,
    input.areas.some((a) => a.href),
  );
  return { id, title: input.title, description, svg, table: choroplethTable(input, classes, classOf, fmt) };
}

const plural = (label: string, n: number) =>
  n === 1 ? label.toLowerCase().replace(/^lsoa$/, 'LSOA') : `${label.toLowerCase().replace(/^lsoa$/, 'LSOA')}s`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function describe(
  input: ChoroplethInput,
  classes: MapClass[],
  withData: number,
  missing: number,
  overlaid: number,
  fmt: (n: number) => string,
): string {
  const ranked = input.areas
    .filter((a) => a.value !== null)
    .slice()
    .sort((a, b) => (b.value as number) - (a.value as number));
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  const parts = [
    `Map of ${input.areas.length} ${plural(input.areaLabel, input.areas.length)} shaded by ${input.valueLabel} in ${classes.length} classes of about equal numbers of areas: ${classes.map((c) => c.words).join('; ')}.`,
  ];
  if (top && bottom)
    parts.push(
      `Highest: ${top.name} (${fmt(top.value as number)}); lowest: ${bottom.name} (${fmt(bottom.value as number)}).`,
    );
  if (withData === 0) parts.push('No area has a figure.');
  if (missing > 0) parts.push(`${missing} ${plural(input.areaLabel, missing)} without a figure.`);
  if ((input.deprivedDeciles ?? 0) > 0)
    parts.push(
      `${overlaid} ${plural(input.areaLabel, overlaid)} among the ${(input.deprivedDeciles ?? 0) * 10}% most deprived in England (IMD 2019) are hatched.`,
    );
  return parts.join(' ');
}

function choroplethTable(
  input: ChoroplethInput,
  classes: MapClass[],
  classOf: (v: number | null) => number | null,
  fmt: (n: number) => string,
): ChartTable {
  const withImd = input.areas.some((a) => a.imdDecile !== undefined);
  const head = [
    input.areaLabel,
    'Code',
    capitalise(input.valueLabel),
    'Class',
    ...(withImd ? ['IMD 2019 decile'] : []),
  ];
  const rows = input.areas
    .slice()
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
    .map((a) => {
      const c = classOf(a.value);
      return [
        a.name,
        a.code,
        a.value === null ? 'no data' : fmt(a.value),
        c === null ? 'no data' : `${c + 1} of ${classes.length} (${classes[c]!.words})`,
        ...(withImd ? [a.imdDecile == null ? 'not known' : String(a.imdDecile)] : []),
      ];
    });
  return { caption: input.title, head, rows, numeric: [false, false, true, false, ...(withImd ? [true] : [])] };
}
