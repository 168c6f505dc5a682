import type { Chart } from '../../../charts/chart.ts';
import { COLOURS, escapeXml, safeId, svgDocument } from '../../../charts/svg.ts';
import type { Unit } from '../../../performance/indicatorSchema.ts';
import { formatValue } from './performanceWords.ts';

/*
 * A scorecard row's small line over its last periods (years or quarters). The product's sparkline is monthly
 * (its title and table say "month"), so this draws the same kind of line for labelled periods; a missing period
 * is a gap, never a zero. No axes: the description carries the numbers.
 */

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 4;

export function periodSparkline(
  id: string,
  subject: string,
  points: readonly { label: string; value: number | null }[],
  unit: Unit,
): Chart {
  const title = `${subject}: last ${points.length} periods`;
  const known = points.filter((p): p is { label: string; value: number } => p.value !== null);
  const words = points.map((p) => `${p.label}: ${p.value === null ? 'no value' : formatValue(p.value, unit)}`);
  const description = known.length === 0 ? `No values of ${subject} to show.` : `${words.join('; ')}.`;
  const min = Math.min(...known.map((p) => p.value));
  const span = Math.max(...known.map((p) => p.value)) - min || 1;
  const r = (n: number) => Math.round(n * 10) / 10;
  const x = (i: number) => PAD + (points.length <= 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD);
  // One path segment per run of known values, so a missing period breaks the line.
  let d = '';
  points.forEach((p, i) => {
    if (p.value === null) return;
    d += `${i > 0 && points[i - 1]?.value !== null ? 'L' : 'M'}${r(x(i))},${r(y(p.value))} `;
  });
  const dots = points
    .map((p, i) =>
      p.value === null
        ? ''
        : `<circle cx="${r(x(i))}" cy="${r(y(p.value))}" r="2.5" fill="${COLOURS.darkBlue}"><title>${escapeXml(`${p.label}: ${formatValue(p.value, unit)}`)}</title></circle>`,
    )
    .join('');
  const body =
    known.length === 0
      ? ''
      : `<path d="${d.trim()}" fill="none" stroke="${COLOURS.primary}" stroke-width="2" stroke-linejoin="round"/>${dots}`;
  return {
    id: safeId(id),
    title,
    description,
    svg: svgDocument({ id, width: WIDTH, height: HEIGHT, title, description }, body),
    table: {
      caption: title,
      head: ['Period', 'Value'],
      rows: points.map((p) => [p.label, p.value === null ? 'no value' : formatValue(p.value, unit)]),
      numeric: [false, true],
    },
  };
}
