import { formatMonth } from '../domain/periods/month.ts';
import type { Chart } from './chart.ts';
import { COLOURS, escapeXml, formatCount, safeId, svgDocument } from './svg.ts';

export interface SparklinePoint {
  /** YYYY-MM. */
  month: string;
  count: number;
  /** SPC signals this month is part of ('outside limits', 'run of 7', …); empty when none. */
  flags: readonly string[];
}

export interface SparklineInput {
  id: string;
  /** What is counted, e.g. 'Knife crime with injury'. */
  subject: string;
  points: readonly SparklinePoint[];
  /** The XmR centre line (mean), when the series has SPC. */
  centre?: number | null;
}

const WIDTH = 240;
const HEIGHT = 56;
const PAD = 5;

/**
 * A small monthly line (36 months on the overview) with the SPC centre line
 * dashed and every month that is part of an SPC signal marked with a purple
 * ring (NHS Making Data Count: purple is special-cause variation that is neither better nor worse), so a reader sees at a glance whether the latest months are unusual.
 * No axes: the description and the table carry the numbers.
 */
export function sparkline(input: SparklineInput): Chart {
  const id = safeId(input.id);
  const points = input.points;
  const first = points[0];
  const last = points[points.length - 1];
  const title = `${input.subject}: monthly count`;
  if (!first || !last) {
    return {
      id,
      title,
      description: `No monthly counts of ${input.subject.toLowerCase()} to show.`,
      svg: svgDocument({ id, width: WIDTH, height: HEIGHT, title, description: 'No data' }, ''),
      table: table(input.subject, []),
    };
  }
  const counts = points.map((p) => p.count);
  const max = Math.max(...counts, input.centre ?? 0);
  const min = Math.min(...counts, input.centre ?? Infinity);
  const span = max - min || 1;
  const x = (i: number) =>
    PAD + (points.length === 1 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD);
  const r = (n: number) => Math.round(n * 10) / 10;

  const flagged = points.map((p, i) => ({ p, i })).filter(({ p }) => p.flags.length > 0);
  const low = points.reduce((a, p) => (p.count < a.count ? p : a), first);
  const high = points.reduce((a, p) => (p.count > a.count ? p : a), first);
  const description =
    `Monthly count of ${input.subject.toLowerCase()}, ${formatMonth(first.month)} to ${formatMonth(last.month)}: ` +
    `latest ${formatCount(last.count)} (${formatMonth(last.month)}), lowest ${formatCount(low.count)} (${formatMonth(low.month)}), highest ${formatCount(high.count)} (${formatMonth(high.month)}). ` +
    (flagged.length === 0
      ? 'No month is part of an SPC signal.'
      : `${flagged.length} month${flagged.length === 1 ? ' is' : 's are'} part of an SPC signal${flagged.length <= 6 ? ` (${flagged.map(({ p }) => formatMonth(p.month)).join(', ')})` : ''}.`);

  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(x(i))},${r(y(p.count))}`).join(' ');
  const body = [
    input.centre !== null && input.centre !== undefined
      ? `<line class="app-sparkline__centre" x1="${PAD}" x2="${WIDTH - PAD}" y1="${r(y(input.centre))}" y2="${r(y(input.centre))}" stroke="${COLOURS.secondaryText}" stroke-width="1" stroke-dasharray="3 3"/>`
      : '',
    `<path class="app-sparkline__line" d="${path}" fill="none" stroke="${COLOURS.primary}" stroke-width="2" stroke-linejoin="round"/>`,
    ...flagged.map(
      ({ p, i }) =>
        `<circle class="app-sparkline__signal" cx="${r(x(i))}" cy="${r(y(p.count))}" r="3.5" fill="#ffffff" stroke="${COLOURS.purple}" stroke-width="2"><title>${escapeXml(`${formatMonth(p.month)}: ${formatCount(p.count)} (${p.flags.join(', ')})`)}</title></circle>`,
    ),
    `<circle class="app-sparkline__latest" cx="${r(x(points.length - 1))}" cy="${r(y(last.count))}" r="3" fill="${COLOURS.darkBlue}"/>`,
  ].join('');
  return {
    id,
    title,
    description,
    svg: svgDocument({ id, width: WIDTH, height: HEIGHT, title, description }, body),
    table: table(input.subject, points),
  };
}

function table(subject: string, points: readonly SparklinePoint[]): Chart['table'] {
  return {
    caption: `${subject}: count by month, with SPC signals`,
    head: ['Month', 'Count', 'SPC signal'],
    rows: points.map((p) => [formatMonth(p.month), formatCount(p.count), p.flags.length ? p.flags.join(', ') : 'none']),
    numeric: [false, true, false],
  };
}
