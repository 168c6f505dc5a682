import { scaleLinear } from 'd3-scale';
import type { Chart, ChartTable } from './chart.ts';
import { COLOURS, escapeXml, formatCount, formatPercent, formatRate, safeId, svgDocument } from './svg.ts';

/** One vertical bar: a category label and its value, with an optional interval drawn as an error bar. */
export interface ColumnBar {
  label: string;
  /** null leaves the slot empty and says "no data" (never a zero bar). */
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  /** What to say when value is null (default 'no data'; e.g. 'suppressed'). */
  missing?: string;
}

export interface ColumnChartInput {
  id: string;
  title: string;
  /** The text alternative, with the key numbers. */
  description: string;
  xLabel: string;
  yLabel: string;
  bars: readonly ColumnBar[];
  /** 'percent' reads values as shares (0–1). */
  valueFormat?: 'count' | 'rate' | 'percent';
}

/** Plot geometry, exported so tests can work out bar positions by hand. */
export const COLUMN_LAYOUT = { width: 720, height: 360, top: 24, right: 20, bottom: 64, left: 70 } as const;
const PLOT_W = COLUMN_LAYOUT.width - COLUMN_LAYOUT.left - COLUMN_LAYOUT.right;
const PLOT_H = COLUMN_LAYOUT.height - COLUMN_LAYOUT.top - COLUMN_LAYOUT.bottom;
/** Each bar fills this share of its slot, centred. */
export const BAR_FILL = 0.7;
/** Value labels above bars only when they fit. */
const MAX_VALUE_LABELS = 16;

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Vertical bars over categories (e.g. a month profile), with error bars when limits are given. */
export function columnChart(input: ColumnChartInput): Chart {
  const format =
    input.valueFormat === 'percent'
      ? (v: number | null) => formatPercent(v)
      : input.valueFormat === 'rate'
        ? formatRate
        : formatCount;
  const n = input.bars.length;
  const step = n > 0 ? PLOT_W / n : PLOT_W;
  const values = input.bars
    .flatMap((b) => [b.value, b.upper ?? null])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(0, ...values);
  const bottom = COLUMN_LAYOUT.top + PLOT_H;
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([bottom, COLUMN_LAYOUT.top])
    .nice(5);
  const parts: string[] = [];

  for (const tick of y.ticks(5)) {
    const ty = num(y(tick));
    parts.push(
      `<line x1="${COLUMN_LAYOUT.left}" x2="${COLUMN_LAYOUT.left + PLOT_W}" y1="${ty}" y2="${ty}" stroke="${COLOURS.grid}" stroke-width="0.5"/>`,
      `<text x="${COLUMN_LAYOUT.left - 8}" y="${ty}" dy="0.32em" text-anchor="end" font-size="12" fill="${COLOURS.secondaryText}">${escapeXml(format(tick))}</text>`,
    );
  }

  input.bars.forEach((bar, i) => {
    const slot = COLUMN_LAYOUT.left + i * step;
    const centre = slot + step / 2;
    if (bar.value !== null) {
      const top = y(bar.value);
      parts.push(
        `<rect class="app-chart__bar" x="${num(slot + (step * (1 - BAR_FILL)) / 2)}" y="${num(top)}" width="${num(step * BAR_FILL)}" height="${num(bottom - top)}" fill="${COLOURS.primary}"><title>${escapeXml(`${bar.label}: ${format(bar.value)}`)}</title></rect>`,
      );
      if (bar.lower != null && bar.upper != null) {
        const cap = Math.min(6, step * 0.15);
        parts.push(
          `<path class="app-chart__error-bar" d="M${num(centre)},${num(y(bar.lower))}V${num(y(bar.upper))}M${num(centre - cap)},${num(y(bar.lower))}H${num(centre + cap)}M${num(centre - cap)},${num(y(bar.upper))}H${num(centre + cap)}" stroke="${COLOURS.text}" stroke-width="1.5" fill="none"/>`,
        );
      }
      if (n <= MAX_VALUE_LABELS)
        parts.push(
          `<text x="${num(centre)}" y="${num(y(bar.upper ?? bar.value) - 6)}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${escapeXml(format(bar.value))}</text>`,
        );
    } else {
      parts.push(
        `<text x="${num(centre)}" y="${bottom - 6}" text-anchor="middle" font-size="11" fill="${COLOURS.secondaryText}">${escapeXml(bar.missing ?? 'no data')}</text>`,
      );
    }
    parts.push(
      `<text class="app-chart__x-label" x="${num(centre)}" y="${bottom + 18}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${escapeXml(bar.label)}</text>`,
    );
  });

  parts.push(
    `<line x1="${COLUMN_LAYOUT.left}" x2="${COLUMN_LAYOUT.left + PLOT_W}" y1="${bottom}" y2="${bottom}" stroke="${COLOURS.text}"/>`,
    `<text x="${COLUMN_LAYOUT.left + PLOT_W / 2}" y="${bottom + 44}" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${escapeXml(input.xLabel)}</text>`,
    `<text transform="translate(16 ${COLUMN_LAYOUT.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${escapeXml(input.yLabel)}</text>`,
  );

  return {
    id: safeId(input.id),
    title: input.title,
    description: input.description,
    svg: svgDocument(
      { ...COLUMN_LAYOUT, id: input.id, title: input.title, description: input.description },
      parts.join(''),
    ),
    table: columnTable(input, format),
  };
}

function columnTable(input: ColumnChartInput, format: (n: number | null) => string): ChartTable {
  const withInterval = input.bars.some((b) => b.lower != null && b.upper != null);
  const head = [input.xLabel, input.yLabel, ...(withInterval ? ['Lower limit', 'Upper limit'] : [])];
  const rows = input.bars.map((b) => [
    b.label,
    b.value === null ? (b.missing ?? 'no data') : format(b.value),
    ...(withInterval ? [format(b.lower ?? null), format(b.upper ?? null)] : []),
  ]);
  return { caption: input.title, head, rows, numeric: head.map((_, i) => i > 0) };
}
