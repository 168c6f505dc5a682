import { scaleLinear, scaleLog } from 'd3-scale';
import type { Chart, ChartTable } from './chart.ts';
import { COLOURS, escapeXml, safeId, svgDocument } from './svg.ts';

/** One horizontal bar: a category and its value, with an optional interval drawn as a whisker. */
export interface BarDatum {
  label: string;
  /** null draws no bar and says "no data" (never a zero bar). */
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  /** Text right of the bar and in the table; the formatted value when absent. */
  valueText?: string;
  /** Further table cells for this row, in the order of BarChartInput.extraColumns. */
  extra?: readonly (string | number)[];
}

/** Everything a categorical breakdown needs: shares, rates, counts or ratios. */
export interface BarChartInput {
  id: string;
  title: string;
  /** The text alternative with the key numbers; written from the bars when absent. */
  description?: string;
  bars: readonly BarDatum[];
  /** 'log' for ratios: equal factors get equal distances, so 2 and 0.5 sit either side of 1 at the same distance. */
  scale?: 'linear' | 'log';
  /** A vertical line, e.g. { value: 1, label: 'Parity (1)' }; on a log scale bars start from it. `meaning` words it for the text alternative. */
  reference?: { value: number; label: string; meaning?: string };
  /** A fixed axis (e.g. [0, 1] for shares); otherwise it is worked out from the values and intervals. */
  domain?: readonly [number, number];
  /** Formats values, interval limits and (unless tickFormat is given) axis ticks. */
  format?: (n: number) => string;
  tickFormat?: (n: number) => string;
  categoryHeading: string;
  valueHeading: string;
  caption?: string;
  extraColumns?: readonly { head: string; numeric: boolean }[];
}

/**
 * Geometry, exported so tests can work out positions by hand: labels end at
 * plotLeft − 8, the plot runs from plotLeft to plotRight, values start at
 * plotRight + 8. Row i's bar is `bar` tall at y = top + i × row + (row − bar) / 2,
 * where top grows by `referenceBand` when a reference line is labelled.
 */
export const BAR_LAYOUT = {
  width: 600,
  plotLeft: 180,
  plotRight: 500,
  top: 8,
  referenceBand: 20,
  row: 32,
  bar: 20,
  axis: 30,
} as const;
const LABEL_CHARS = 24;
const CAP = 5;
/** Factors a log axis may span either side of its reference: the smallest that holds every value is used. */
const LOG_FACTORS = [1.5, 2, 3, 5, 10, 20, 50, 100, 1000];

const num = (n: number) => (Math.round(n * 100) / 100).toString();
const plain = (n: number) => String(Number(n.toPrecision(3)));
const finite = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);

type Scale = ((v: number) => number) & { ticks(count?: number): number[] };

/** Horizontal bars with category labels left and values right; whiskers for intervals; a reference line. */
export function barChart(input: BarChartInput): Chart {
  const format = input.format ?? plain;
  const tickFormat = input.tickFormat ?? input.format ?? plain;
  const log = input.scale === 'log';
  const top = BAR_LAYOUT.top + (input.reference ? BAR_LAYOUT.referenceBand : 0);
  const bottom = top + input.bars.length * BAR_LAYOUT.row;
  const height = bottom + BAR_LAYOUT.axis;
  const { x, base, ticks } = log ? logScale(input) : linearScale(input);
  const clampX = (v: number) => Math.min(BAR_LAYOUT.plotRight, Math.max(BAR_LAYOUT.plotLeft, x(v)));
  const parts: string[] = [];

  for (const t of ticks) {
    const tx = num(clampX(t));
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${top}" y2="${bottom}" stroke="${COLOURS.grid}" stroke-width="0.5"/>`,
      `<text x="${tx}" y="${bottom + 18}" text-anchor="middle" font-size="12" fill="${COLOURS.secondaryText}">${escapeXml(tickFormat(t))}</text>`,
    );
  }
  input.bars.forEach((bar, i) => {
    const y = top + i * BAR_LAYOUT.row + (BAR_LAYOUT.row - BAR_LAYOUT.bar) / 2;
    const centre = y + BAR_LAYOUT.bar / 2;
    parts.push(labelText(bar.label, centre));
    const drawable = finite(bar.value) && (!log || bar.value > 0);
    if (drawable) {
      const x0 = clampX(base);
      const x1 = clampX(bar.value as number);
      parts.push(
        `<rect class="app-chart__bar" x="${num(Math.min(x0, x1))}" y="${num(y)}" width="${num(Math.abs(x1 - x0))}" height="${BAR_LAYOUT.bar}" fill="${COLOURS.primary}"/>`,
      );
      if (finite(bar.lower) && finite(bar.upper) && (!log || (bar.lower > 0 && bar.upper > 0))) {
        const lo = num(clampX(bar.lower));
        const hi = num(clampX(bar.upper));
        parts.push(
          `<path class="app-chart__whisker" d="M${lo},${num(centre)}H${hi}M${lo},${num(centre - CAP)}V${num(centre + CAP)}M${hi},${num(centre - CAP)}V${num(centre + CAP)}" stroke="${COLOURS.text}" stroke-width="1.5" fill="none"/>`,
        );
      }
    }
    const text = valueText(bar, format);
    parts.push(
      `<text class="app-chart__value" x="${BAR_LAYOUT.plotRight + 8}" y="${num(centre)}" dy="0.35em" font-size="13" fill="${drawable ? COLOURS.text : COLOURS.secondaryText}">${escapeXml(text)}</text>`,
    );
  });
  if (input.reference) {
    const rx = num(clampX(input.reference.value));
    parts.push(
      `<line class="app-chart__reference" x1="${rx}" x2="${rx}" y1="${top - 4}" y2="${bottom}" stroke="${COLOURS.text}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<text x="${rx}" y="${top - 8}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${escapeXml(input.reference.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${BAR_LAYOUT.plotLeft}" x2="${BAR_LAYOUT.plotRight}" y1="${bottom}" y2="${bottom}" stroke="${COLOURS.text}"/>`,
  );

  const description = input.description ?? describe(input, format);
  return {
    id: safeId(input.id),
    title: input.title,
    description,
    svg: svgDocument(
      { id: input.id, width: BAR_LAYOUT.width, height, title: input.title, description },
      parts.join(''),
    ),
    table: barTable(input, format),
  };
}

function valueText(bar: BarDatum, format: (n: number) => string): string {
  return bar.valueText ?? (finite(bar.value) ? format(bar.value) : 'no data');
}

/** Labels wrap onto two lines at word boundaries; anything longer ends in an ellipsis (the table has it whole). */
export function wrapLabel(label: string, chars = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.trim().split(/\s+/)) {
    if (line && `${line} ${word}`.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines.map((l) => (l.length > chars ? `${l.slice(0, chars - 1)}…` : l));
  const second = lines.slice(1).join(' ');
  return [lines[0]!.slice(0, chars), `${second.slice(0, chars - 1)}…`];
}

function labelText(label: string, centre: number): string {
  const lines = wrapLabel(label);
  const first = lines.length === 1 ? '0.35em' : '-0.2em';
  const spans = lines
    .map((l, i) => `<tspan x="${BAR_LAYOUT.plotLeft - 8}" dy="${i === 0 ? first : '1.1em'}">${escapeXml(l)}</tspan>`)
    .join('');
  return `<text class="app-chart__label" x="${BAR_LAYOUT.plotLeft - 8}" y="${num(centre)}" text-anchor="end" font-size="13" fill="${COLOURS.text}">${spans}</text>`;
}

function valuesOf(input: BarChartInput): number[] {
  const out = input.bars.flatMap((b) => [b.value, b.lower ?? null, b.upper ?? null]).filter(finite);
  if (input.reference) out.push(input.reference.value);
  return out;
}

function linearScale(input: BarChartInput): { x: Scale; base: number; ticks: number[] } {
  const values = valuesOf(input);
  const domain = input.domain ?? [Math.min(0, ...values), Math.max(0, ...values)];
  const x = scaleLinear()
    .domain([domain[0], domain[1] > domain[0] ? domain[1] : domain[0] + 1])
    .range([BAR_LAYOUT.plotLeft, BAR_LAYOUT.plotRight]);
  if (!input.domain) x.nice(5);
  const [d0, d1] = x.domain() as [number, number];
  return { x, base: Math.min(d1, Math.max(d0, 0)), ticks: x.ticks(5) };
}

/**
 * A log axis. With a reference it is symmetric about it (ref ÷ f to ref × f,
 * f the smallest of LOG_FACTORS holding every value), so the reference sits in
 * the middle and bars grow left or right from it.
 */
function logScale(input: BarChartInput): { x: Scale; base: number; ticks: number[] } {
  const values = valuesOf(input).filter((v) => v > 0);
  let domain: [number, number];
  if (input.domain) domain = [input.domain[0], input.domain[1]];
  else if (input.reference && input.reference.value > 0) {
    const ref = input.reference.value;
    const spread = Math.max(1, ...values.map((v) => Math.max(v / ref, ref / v)));
    const f = LOG_FACTORS.find((k) => k >= spread * (1 - 1e-9)) ?? LOG_FACTORS[LOG_FACTORS.length - 1]!;
    domain = [ref / f, ref * f];
  } else {
    const lo = values.length ? Math.min(...values) : 1;
    const hi = values.length ? Math.max(...values) : 10;
    domain = [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi === lo ? hi * 10 : hi))];
  }
  const x = scaleLog().domain(domain).range([BAR_LAYOUT.plotLeft, BAR_LAYOUT.plotRight]);
  const within = (v: number) => v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9);
  // 1-2-5 ticks while they fit (at most 7 across the plot), else powers of ten only.
  const decades = [-4, -3, -2, -1, 0, 1, 2, 3].map((e) => 10 ** e);
  const powers = decades.filter(within);
  const oneTwoFive = decades.flatMap((d) => [d, 2 * d, 5 * d]).filter(within);
  const series = oneTwoFive.length <= 7 ? oneTwoFive : powers;
  const ticks = [
    ...new Set([
      ...(series.length >= 3 ? series : [...series, ...domain]),
      ...(input.reference ? [input.reference.value] : []),
    ]),
  ].sort((a, b) => a - b);
  return { x, base: input.reference && input.reference.value > 0 ? input.reference.value : domain[0], ticks };
}

function describe(input: BarChartInput, format: (n: number) => string): string {
  const items = input.bars.map((b) => {
    const interval = finite(b.lower) && finite(b.upper) ? ` (${format(b.lower)} to ${format(b.upper)})` : '';
    return `${b.label}: ${valueText(b, format)}${interval}`;
  });
  const reference = input.reference ? ` The line marks ${input.reference.meaning ?? input.reference.label}.` : '';
  return `${input.valueHeading} by ${input.categoryHeading.toLowerCase()}: ${items.join('; ')}.${reference}`;
}

function barTable(input: BarChartInput, format: (n: number) => string): ChartTable {
  const withInterval = input.bars.some((b) => finite(b.lower) && finite(b.upper));
  const extra = input.extraColumns ?? [];
  const head = [
    input.categoryHeading,
    input.valueHeading,
    ...(withInterval ? ['Lower limit', 'Upper limit'] : []),
    ...extra.map((c) => c.head),
  ];
  const limit = (v: number | null | undefined) => (finite(v) ? format(v) : 'n/a');
  const rows = input.bars.map((b) => [
    b.label,
    valueText(b, format),
    ...(withInterval ? [limit(b.lower), limit(b.upper)] : []),
    ...extra.map((_, i) => b.extra?.[i] ?? ''),
  ]);
  return {
    caption: input.caption ?? input.title,
    head,
    rows,
    numeric: [false, true, ...(withInterval ? [true, true] : []), ...extra.map((c) => c.numeric)],
  };
}
