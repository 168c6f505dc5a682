import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { rateFunnelLimits, type FunnelLimits } from '../domain/stats/funnel.ts';
import type { Chart, ChartTable } from './chart.ts';
import { COLOURS, escapeXml, formatCount, formatRate, safeId } from './svg.ts';
import { mapDocument } from './mapShapes.ts';

export interface FunnelPoint {
  code: string;
  name: string;
  count: number;
  /** Population (the rate's denominator). */
  denominator: number;
  rate: number;
  highlighted?: boolean;
  href?: string;
}

export interface FunnelPlotInput {
  id: string;
  title: string;
  /** e.g. "offences per 1,000 residents". */
  valueLabel: string;
  /** Per how many people the rates are. */
  multiplier: number;
  points: readonly FunnelPoint[];
  /** The benchmark the funnel is drawn around, e.g. London's rate. */
  benchmark: { rate: number; label: string };
}

export type FunnelPosition =
  | 'above the 99.8% limit'
  | 'above the 95% limit'
  | 'within the limits'
  | 'below the 95% limit'
  | 'below the 99.8% limit';

/** Where a point lies against the funnel at its own population. */
export function funnelPosition(rate: number, limits: FunnelLimits): FunnelPosition {
  if (rate > limits.upper998) return 'above the 99.8% limit';
  if (rate > limits.upper95) return 'above the 95% limit';
  if (rate < limits.lower998) return 'below the 99.8% limit';
  if (rate < limits.lower95) return 'below the 95% limit';
  return 'within the limits';
}

export const FUNNEL_LAYOUT = { width: 720, height: 460, top: 20, right: 24, bottom: 110, left: 70 } as const;
const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** Rates against population with exact Poisson 95% and 99.8% limits around the benchmark; each point links to its area. */
export function funnelPlot(input: FunnelPlotInput): Chart {
  const id = safeId(input.id);
  const { width, height, top, right, bottom, left } = FUNNEL_LAYOUT;
  const plotBottom = height - bottom;
  const pops = input.points.map((p) => p.denominator);
  const maxPop = Math.max(1, ...pops) * 1.08;
  const minPop = Math.max(1, Math.min(...pops, maxPop) * 0.7);
  const steps = 60;
  const curve = Array.from({ length: steps + 1 }, (_, i) =>
    rateFunnelLimits(input.benchmark.rate, minPop + ((maxPop - minPop) * i) / steps, input.multiplier),
  );
  const rates = input.points.map((p) => p.rate);
  const yMax = Math.max(input.benchmark.rate, ...rates, curve[0]!.upper998) * 1.05;
  const yMin = Math.max(0, Math.min(input.benchmark.rate, ...rates, curve[0]!.lower998) * 0.9);
  const x = scaleLinear()
    .domain([0, maxPop])
    .range([left, width - right])
    .nice();
  const y = scaleLinear().domain([yMin, yMax]).range([plotBottom, top]).nice();
  const parts: string[] = [];
  for (const t of y.ticks(6)) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${num(y(t))}" y2="${num(y(t))}" stroke="${COLOURS.grid}" stroke-width="0.5"/>`,
      `<text x="${left - 8}" y="${num(y(t))}" dy="0.32em" text-anchor="end" font-size="12" fill="${COLOURS.secondaryText}">${escapeXml(formatRate(t))}</text>`,
    );
  }
  for (const t of x.ticks(5)) {
    parts.push(
      `<text x="${num(x(t))}" y="${plotBottom + 18}" text-anchor="middle" font-size="12" fill="${COLOURS.secondaryText}">${escapeXml(formatCount(t))}</text>`,
    );
  }
  const limitLine = (pick: (l: FunnelLimits) => number) =>
    line<FunnelLimits>()
      .x((l) => x(l.denominator))
      .y((l) => y(Math.max(yMin, Math.min(yMax, pick(l)))))
      .digits(1)(curve) ?? '';
  parts.push(
    `<path class="app-funnel__limit app-funnel__limit--998" d="${limitLine((l) => l.upper998)}" fill="none" stroke="${COLOURS.text}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<path class="app-funnel__limit app-funnel__limit--998" d="${limitLine((l) => l.lower998)}" fill="none" stroke="${COLOURS.text}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<path class="app-funnel__limit app-funnel__limit--95" d="${limitLine((l) => l.upper95)}" fill="none" stroke="${COLOURS.secondaryText}" stroke-width="1.5"/>`,
    `<path class="app-funnel__limit app-funnel__limit--95" d="${limitLine((l) => l.lower95)}" fill="none" stroke="${COLOURS.secondaryText}" stroke-width="1.5"/>`,
    `<line class="app-funnel__benchmark" x1="${left}" x2="${width - right}" y1="${num(y(input.benchmark.rate))}" y2="${num(y(input.benchmark.rate))}" stroke="${COLOURS.primary}" stroke-width="2"/>`,
  );
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${plotBottom}" y2="${plotBottom}" stroke="${COLOURS.text}"/>`,
  );

  const placed = input.points.map((p) => ({
    p,
    position: funnelPosition(p.rate, rateFunnelLimits(input.benchmark.rate, p.denominator, input.multiplier)),
  }));
  // The highlighted point last, so it is drawn on top.
  for (const { p, position } of placed
    .slice()
    .sort((a, b) => Number(a.p.highlighted ?? false) - Number(b.p.highlighted ?? false))) {
    const cx = num(x(p.denominator));
    const cy = num(y(p.rate));
    const label = `${p.name}: ${formatRate(p.rate)} ${input.valueLabel} (${formatCount(p.count)} in ${formatCount(p.denominator)} residents), ${position}`;
    const mark = p.highlighted
      ? `<circle class="app-funnel__point app-funnel__point--highlighted" cx="${cx}" cy="${cy}" r="8" fill="${COLOURS.orange}" stroke="${COLOURS.text}" stroke-width="2"><title>${escapeXml(label)}</title></circle><text x="${num(Number(cx) + 12)}" y="${cy}" dy="0.32em" font-size="13" font-weight="bold" fill="${COLOURS.text}">${escapeXml(p.name)}</text>`
      : `<circle class="app-funnel__point" cx="${cx}" cy="${cy}" r="5" fill="${COLOURS.primary}" fill-opacity="0.8" stroke="#ffffff" stroke-width="1"><title>${escapeXml(label)}</title></circle>`;
    parts.push(
      p.href
        ? `<a class="app-funnel__link" href="${escapeXml(p.href)}" aria-label="${escapeXml(label)}">${mark}</a>`
        : mark,
    );
  }
  parts.push(
    `<text x="${left + (width - left - right) / 2}" y="${plotBottom + 40}" text-anchor="middle" font-size="13" fill="${COLOURS.text}">Population (Census 2021 residents)</text>`,
    `<text transform="translate(16 ${top + (plotBottom - top) / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${escapeXml(capitalise(input.valueLabel))}</text>`,
  );
  parts.push(legend(input.benchmark.label, plotBottom + 62));

  const outside = placed.filter((d) => d.position !== 'within the limits');
  const highlighted = placed.find((d) => d.p.highlighted);
  const description =
    `Funnel plot of ${input.points.length} areas: rate against population, with 95% and 99.8% limits around ${input.benchmark.label} (${formatRate(input.benchmark.rate)} ${input.valueLabel}).` +
    (highlighted ? ` ${highlighted.p.name}: ${formatRate(highlighted.p.rate)}, ${highlighted.position}.` : '') +
    ` ${areasAre(outside.filter((d) => d.position.startsWith('above the 99.8')).length)} above the 99.8% limit and ${outside.filter((d) => d.position.startsWith('below the 99.8')).length} below it.`;
  const svg = mapDocument(
    { id: input.id, width, height, title: input.title, description },
    parts.join(''),
    input.points.some((p) => p.href),
  );
  return { id, title: input.title, description, svg, table: funnelTable(input, placed) };
}

const areasAre = (n: number) => (n === 1 ? '1 area is' : `${n} areas are`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function legend(benchmark: string, y: number): string {
  const items = [
    `<line x1="0" x2="24" y1="0" y2="0" stroke="${COLOURS.primary}" stroke-width="2"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">${escapeXml(benchmark)}</text>`,
    `<line x1="0" x2="24" y1="0" y2="0" stroke="${COLOURS.secondaryText}" stroke-width="1.5"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">95% limits</text>`,
    `<line x1="0" x2="24" y1="0" y2="0" stroke="${COLOURS.text}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">99.8% limits</text>`,
    `<circle cx="12" cy="0" r="7" fill="${COLOURS.orange}" stroke="${COLOURS.text}" stroke-width="2"/><text x="30" y="0" dy="0.32em" font-size="12" fill="${COLOURS.text}">Selected area</text>`,
  ];
  const col = (FUNNEL_LAYOUT.width - FUNNEL_LAYOUT.left) / 2;
  return `<g class="app-chart__legend">${items.map((it, i) => `<g transform="translate(${FUNNEL_LAYOUT.left + (i % 2) * col} ${y + Math.floor(i / 2) * 20})">${it}</g>`).join('')}</g>`;
}

function funnelTable(input: FunnelPlotInput, placed: { p: FunnelPoint; position: FunnelPosition }[]): ChartTable {
  const rows = placed
    .slice()
    .sort((a, b) => b.p.rate - a.p.rate)
    .map(({ p, position }) => [
      p.highlighted ? `${p.name} (selected)` : p.name,
      formatCount(p.count),
      formatCount(p.denominator),
      formatRate(p.rate),
      position,
    ]);
  return {
    caption: input.title,
    head: ['Area', 'Count', 'Population', capitalise(input.valueLabel), 'Against the funnel'],
    rows,
    numeric: [false, true, true, true, false],
  };
}
