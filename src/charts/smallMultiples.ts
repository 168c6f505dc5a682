import type { Chart } from './chart.ts';
import { COLOURS, escapeXml, safeId, svgDocument } from './svg.ts';

/*
 * Small multiples: one labelled sparkline per row, for a table of indicators where each has its own scale (seed
 * 004's performance tables, the pack's theme sections). Each line is scaled to its own range, so it shows
 * direction, not size; the last value is printed beside it and the table carries every number.
 */

export interface SmallMultipleRow {
  label: string;
  /** Oldest first; null where a period has no value (the line breaks there). */
  values: readonly (number | null)[];
  /** How each value reads ('1,234', '45.6%'), for the text beside the line and the table. */
  shown: readonly string[];
}

export interface SmallMultiplesInput {
  id: string;
  title: string;
  periods: readonly string[];
  rows: readonly SmallMultipleRow[];
}

const WIDTH = 640;
const ROW = 26;
const LABEL = 330;
const LINE = 200;
const PAD = 4;

export function smallMultiples(input: SmallMultiplesInput): Chart {
  const id = safeId(input.id);
  const height = Math.max(1, input.rows.length) * ROW + PAD * 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  const body = input.rows
    .map((row, i) => {
      const top = PAD + i * ROW;
      const present = row.values.filter((v): v is number => v !== null);
      const min = Math.min(...present);
      const span = Math.max(...present) - min || 1;
      const x = (j: number) => LABEL + (row.values.length <= 1 ? LINE / 2 : (j * LINE) / (row.values.length - 1));
      const y = (v: number) => top + ROW - 6 - ((v - min) / span) * (ROW - 12);
      let path = '';
      row.values.forEach((v, j) => {
        if (v === null) return;
        path += `${path === '' || row.values[j - 1] === null ? 'M' : 'L'}${r(x(j))},${r(y(v))} `;
      });
      const lastIndex = row.values.findLastIndex((v) => v !== null);
      const last = lastIndex < 0 ? null : (row.values[lastIndex] as number);
      const label = row.label.length > 46 ? `${row.label.slice(0, 45)}…` : row.label;
      return (
        `<text x="0" y="${top + ROW / 2 + 5}" fill="${COLOURS.text}" font-size="13">${escapeXml(label)}</text>` +
        (path === ''
          ? ''
          : `<path d="${path.trim()}" fill="none" stroke="${COLOURS.primary}" stroke-width="2" stroke-linejoin="round"/>`) +
        (last === null
          ? `<text x="${LABEL}" y="${top + ROW / 2 + 5}" fill="${COLOURS.secondaryText}" font-size="12">no values</text>`
          : `<circle cx="${r(x(lastIndex))}" cy="${r(y(last))}" r="3" fill="${COLOURS.darkBlue}"/>` +
            `<text x="${LABEL + LINE + 12}" y="${top + ROW / 2 + 5}" fill="${COLOURS.text}" font-size="13">${escapeXml(row.shown[lastIndex] ?? '')}</text>`)
      );
    })
    .join('');
  const described = input.rows.map((row) => {
    const shown = row.shown.filter((s, j) => row.values[j] !== null && s !== '');
    return shown.length === 0 ? `${row.label}: no values` : `${row.label}: ${shown.join(', ')}`;
  });
  const description = `${input.title}, ${input.periods[0] ?? ''} to ${input.periods.at(-1) ?? ''}, one line per indicator on its own scale. ${described.join('; ')}.`;
  return {
    id,
    title: input.title,
    description,
    svg: svgDocument({ id, width: WIDTH, height, title: input.title, description }, body),
    table: {
      caption: input.title,
      head: ['Indicator', ...input.periods],
      rows: input.rows.map((row) => [
        row.label,
        ...row.values.map((v, j) => (v === null ? 'no value' : (row.shown[j] ?? String(v)))),
      ]),
      numeric: [false, ...input.periods.map(() => true)],
    },
  };
}
