import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { Chart, ChartTable } from './chart.ts';
import { COLOURS, escapeXml, formatCount, formatRate, safeId, svgDocument } from './svg.ts';

/** One point of a series: a value on the x category `label`, with optional interval and SPC flags. */
export interface LinePoint {
  label: string;
  /** null draws a gap (no data), never a zero. */
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  /** Special-cause signals; a flagged point is drawn as a diamond as well as in another colour. */
  flags?: readonly string[];
  /** What the table says when value is null (default 'no data'; e.g. 'suppressed'). */
  missing?: string;
}

export interface LineSeries {
  name: string;
  points: readonly LinePoint[];
}

/** XmR limits drawn across the plot (for the first series' measure). */
export interface SpcLimits {
  centre: number;
  lowerLimit: number;
  upperLimit: number;
}

/** A shaded span of x categories, e.g. a baseline period. */
export interface LineBand {
  from: string;
  to: string;
  label: string;
}

export interface LineChartInput {
  id: string;
  title: string;
  /** The text alternative, with the key numbers (the caller knows what matters). */
  description: string;
  xLabel: string;
  yLabel: string;
  /** The first series sets the x categories, in order; later series are matched by label. */
  series: readonly LineSeries[];
  spc?: SpcLimits | null;
  band?: LineBand | null;
  valueFormat?: 'count' | 'rate';
}

/** Plot geometry, exported so tests can work out where a point must be by hand. */
export const LINE_LAYOUT = { width: 720, height: 400, top: 24, right: 20, bottom: 104, left: 70 } as const;
const PLOT_W = LINE_LAYOUT.width - LINE_LAYOUT.left - LINE_LAYOUT.right;
const PLOT_H = LINE_LAYOUT.height - LINE_LAYOUT.top - LINE_LAYOUT.bottom;
const MAX_X_LABELS = 9;

/** Rates to at least 2 significant figures: a monthly rate per 1,000 is often below 0.1. */
export function formatSeriesRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return Math.abs(n) < 1 && n !== 0 ? n.toFixed(3) : formatRate(n);
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Series lines over categories (months, quarters, years), with optional intervals, SPC limits, flags and a shaded band. */
export function lineChart(input: LineChartInput): Chart {
  const format = input.valueFormat === 'rate' ? formatSeriesRate : formatCount;
  const labels = input.series[0]?.points.map((p) => p.label) ?? [];
  const n = labels.length;
  const step = n > 0 ? PLOT_W / n : PLOT_W;
  const x = (i: number) => LINE_LAYOUT.left + step * (i + 0.5);
  const index = new Map(labels.map((l, i) => [l, i]));
  const all = input.series
    .flatMap((s) => s.points.flatMap((p) => [p.value, p.upper ?? null]))
    .concat(input.spc ? [input.spc.upperLimit] : [])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(0, ...all);
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([LINE_LAYOUT.top + PLOT_H, LINE_LAYOUT.top])
    .nice(5);
  const plotBottom = LINE_LAYOUT.top + PLOT_H;
  const parts: string[] = [];

  // Baseline band first, so lines are drawn over it.
  const bandFrom = input.band ? index.get(input.band.from) : undefined;
  const bandTo = input.band ? index.get(input.band.to) : undefined;
  if (input.band && bandFrom !== undefined && bandTo !== undefined) {
    const x0 = x(Math.min(bandFrom, bandTo)) - step / 2;
    const width = (Math.abs(bandTo - bandFrom) + 1) * step;
    parts.push(
      `<rect class="app-chart__band" x="${num(x0)}" y="${LINE_LAYOUT.top}" width="${num(width)}" height="${PLOT_H}" fill="#dee0e2"/>`,
      `<text x="${num(x0 + 4)}" y="${LINE_LAYOUT.top + 14}" font-size="12" fill="${COLOURS.text}">${escapeXml(input.band.label)}</text>`,
    );
  }

  for (const tick of y.ticks(5)) {
    const ty = num(y(tick));
    parts.push(
      `<line x1="${LINE_LAYOUT.left}" x2="${LINE_LAYOUT.left + PLOT_W}" y1="${ty}" y2="${ty}" stroke="${COLOURS.grid}" stroke-width="0.5"/>`,
      `<text x="${LINE_LAYOUT.left - 8}" y="${ty}" dy="0.32em" text-anchor="end" font-size="12" fill="${COLOURS.secondaryText}">${escapeXml(format(tick))}</text>`,
    );
  }

  if (input.spc) {
    const { centre, lowerLimit, upperLimit } = input.spc;
    const hline = (v: number, cls: string, dash: string) =>
      `<line class="${cls}" x1="${LINE_LAYOUT.left}" x2="${LINE_LAYOUT.left + PLOT_W}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="${COLOURS.secondaryText}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
    parts.push(hline(centre, 'app-chart__spc-centre', ''), hline(upperLimit, 'app-chart__spc-limit', '6 4'));
    // A lower limit below zero cannot be reached by a count: it is not drawn.
    if (lowerLimit > 0) parts.push(hline(lowerLimit, 'app-chart__spc-limit', '6 4'));
  }

  input.series.forEach((series, s) => {
    const colour = COLOURS.series[s % COLOURS.series.length] as string;
    const placed = series.points
      .map((p) => ({ p, i: index.get(p.label) }))
      .filter((d): d is { p: LinePoint; i: number } => d.i !== undefined);
    const intervals = placed.filter((d) => d.p.lower != null && d.p.upper != null);
    if (intervals.length > 0) {
      const band = area<{ p: LinePoint; i: number }>()
        .x((d) => x(d.i))
        .y0((d) => y(d.p.lower as number))
        .y1((d) => y(d.p.upper as number))
        .defined((d) => d.p.lower != null && d.p.upper != null && d.p.value !== null);
      parts.push(
        `<path class="app-chart__interval" d="${band(placed) ?? ''}" fill="${colour}" fill-opacity="0.15" stroke="none"/>`,
      );
    }
    const path = line<{ p: LinePoint; i: number }>()
      .x((d) => x(d.i))
      .y((d) => y(d.p.value as number))
      .defined((d) => d.p.value !== null);
    parts.push(
      `<path class="app-chart__series" data-series="${escapeXml(series.name)}" d="${path(placed) ?? ''}" fill="none" stroke="${colour}" stroke-width="2.5"${s > 0 ? ' stroke-dasharray="8 4"' : ''}/>`,
    );
    for (const { p, i } of placed) {
      if (p.value === null) continue;
      const cx = num(x(i));
      const cy = num(y(p.value));
      const flagged = (p.flags?.length ?? 0) > 0;
      const tip = `<title>${escapeXml(`${series.name}, ${p.label}: ${format(p.value)}${flagged ? ` (${p.flags!.join(', ')})` : ''}`)}</title>`;
      if (flagged) {
        parts.push(
          `<path class="app-chart__point app-chart__point--flagged" data-x="${cx}" data-y="${cy}" d="M${cx},${num(Number(cy) - 7)}L${num(Number(cx) + 7)},${cy}L${cx},${num(Number(cy) + 7)}L${num(Number(cx) - 7)},${cy}Z" fill="${COLOURS.red}" stroke="${COLOURS.text}" stroke-width="1">${tip}</path>`,
        );
      } else if (s === 0) {
        parts.push(`<circle class="app-chart__point" cx="${cx}" cy="${cy}" r="3.5" fill="${colour}">${tip}</circle>`);
      } else {
        parts.push(
          `<rect class="app-chart__point" data-x="${cx}" data-y="${cy}" x="${num(Number(cx) - 3.5)}" y="${num(Number(cy) - 3.5)}" width="7" height="7" fill="${colour}">${tip}</rect>`,
        );
      }
    }
  });

  parts.push(
    `<line x1="${LINE_LAYOUT.left}" x2="${LINE_LAYOUT.left + PLOT_W}" y1="${plotBottom}" y2="${plotBottom}" stroke="${COLOURS.text}"/>`,
  );
  const every = Math.max(1, Math.ceil(n / MAX_X_LABELS));
  labels.forEach((label, i) => {
    if (i % every !== 0) return; // every label is in the table; the axis shows at most 9
    parts.push(
      `<text class="app-chart__x-label" x="${num(x(i))}" y="${plotBottom + 18}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${escapeXml(label)}</text>`,
    );
  });
  parts.push(
    `<text x="${LINE_LAYOUT.left + PLOT_W / 2}" y="${plotBottom + 40}" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${escapeXml(input.xLabel)}</text>`,
    `<text transform="translate(16 ${LINE_LAYOUT.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${escapeXml(input.yLabel)}</text>`,
  );
  parts.push(legend(input, plotBottom + 62));

  return {
    id: safeId(input.id),
    title: input.title,
    description: input.description,
    svg: svgDocument(
      { ...LINE_LAYOUT, id: input.id, title: input.title, description: input.description },
      parts.join(''),
    ),
    table: lineTable(input, format),
  };
}

/** Legend entries drawn in rows under the axis: each series, the SPC lines, the flag shape, the band. */
function legend(input: LineChartInput, top: number): string {
  const items: string[] = input.series.map((s, i) => {
    const colour = COLOURS.series[i % COLOURS.series.length] as string;
    return `<line x1="0" x2="24" y1="0" y2="0" stroke="${colour}" stroke-width="2.5"${i > 0 ? ' stroke-dasharray="8 4"' : ''}/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">${escapeXml(s.name)}</text>`;
  });
  if (input.spc) {
    items.push(
      `<line x1="0" x2="24" y1="0" y2="0" stroke="${COLOURS.secondaryText}" stroke-width="1.5"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">Average (centre line)</text>`,
      `<line x1="0" x2="24" y1="0" y2="0" stroke="${COLOURS.secondaryText}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">Control limits</text>`,
    );
  }
  if (input.series.some((s) => s.points.some((p) => (p.flags?.length ?? 0) > 0))) {
    items.push(
      `<path d="M12,-7L19,0L12,7L5,0Z" fill="${COLOURS.red}" stroke="${COLOURS.text}"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">Special cause signal</text>`,
    );
  }
  if (input.band)
    items.push(
      `<rect x="0" y="-7" width="24" height="14" fill="#dee0e2"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">${escapeXml(input.band.label)}</text>`,
    );
  const perRow = 3;
  const colWidth = (LINE_LAYOUT.width - LINE_LAYOUT.left) / perRow;
  return `<g class="app-chart__legend">${items.map((item, i) => `<g transform="translate(${num(LINE_LAYOUT.left + (i % perRow) * colWidth)} ${top + Math.floor(i / perRow) * 20})">${item}</g>`).join('')}</g>`;
}

function lineTable(input: LineChartInput, format: (n: number | null) => string): ChartTable {
  const head = [input.xLabel];
  const numeric = [false];
  const withInterval = input.series.map((s) => s.points.some((p) => p.lower != null && p.upper != null));
  input.series.forEach((s, i) => {
    head.push(s.name);
    numeric.push(true);
    if (withInterval[i]) {
      head.push(`${s.name}: lower limit`, `${s.name}: upper limit`);
      numeric.push(true, true);
    }
  });
  const flagged = input.series.some((s) => s.points.some((p) => p.flags !== undefined));
  if (flagged) {
    head.push('Special cause signals');
    numeric.push(false);
  }
  const byLabel = input.series.map((s) => new Map(s.points.map((p) => [p.label, p])));
  const rows = (input.series[0]?.points ?? []).map((first) => {
    const row: (string | number)[] = [first.label];
    input.series.forEach((_, i) => {
      const p = byLabel[i]!.get(first.label);
      row.push(p?.value == null ? (p?.missing ?? 'no data') : format(p.value));
      if (withInterval[i]) row.push(format(p?.lower ?? null), format(p?.upper ?? null));
    });
    if (flagged)
      row.push(input.series.flatMap((_s, i) => byLabel[i]!.get(first.label)?.flags ?? []).join('; ') || 'none');
    return row;
  });
  return { caption: input.title, head, rows, numeric };
}
