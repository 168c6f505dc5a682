import type { Chart, ChartTable } from './chart.ts';
import { COLOURS, escapeXml, formatCount, safeId, svgDocument } from './svg.ts';

/** One cell of a grid; null means not known (drawn empty, never as zero). */
export interface HeatCell {
  row: string;
  column: string;
  value: number | null;
  /** What to say when value is null (default 'no data'; e.g. 'suppressed'). */
  missing?: string;
}

export interface HeatMapInput {
  id: string;
  title: string;
  /** The text alternative, with the key numbers (e.g. the busiest cell). */
  description: string;
  /** Row labels top to bottom (e.g. Monday … Sunday). */
  rows: readonly string[];
  /** Column labels left to right (e.g. hours 00 … 23). */
  columns: readonly string[];
  cells: readonly HeatCell[];
  rowLabel: string;
  columnLabel: string;
  /** Label a column on the axis every n columns (all are in the table). */
  columnLabelEvery?: number;
}

/** Grid geometry, exported so tests can work out cell positions by hand. */
export const HEAT_LAYOUT = { width: 720, top: 16, right: 16, left: 100, cellHeight: 28, axis: 24, legend: 56 } as const;
const PALETTE = COLOURS.sequential;

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/**
 * The class (0 = lightest … 4 = darkest) of a value: five equal-width classes
 * from 0 to the largest value, so a class always means the same share of the peak.
 */
export function heatClass(value: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.min(PALETTE.length - 1, Math.floor((value / max) * PALETTE.length));
}

/** A rows × columns grid of counts (e.g. weekday × hour) in a sequential palette, with a legend and the numbers as a table. */
export function heatMap(input: HeatMapInput): Chart {
  const cols = input.columns.length;
  const cellWidth = (HEAT_LAYOUT.width - HEAT_LAYOUT.left - HEAT_LAYOUT.right) / Math.max(1, cols);
  const gridBottom = HEAT_LAYOUT.top + input.rows.length * HEAT_LAYOUT.cellHeight;
  const height = gridBottom + HEAT_LAYOUT.axis + 20 + HEAT_LAYOUT.legend;
  const cellAt = cellLookup(input.cells);
  const max = Math.max(0, ...input.cells.map((c) => c.value ?? 0));
  const parts: string[] = [];

  input.rows.forEach((row, r) => {
    const y = HEAT_LAYOUT.top + r * HEAT_LAYOUT.cellHeight;
    parts.push(
      `<text x="${HEAT_LAYOUT.left - 8}" y="${num(y + HEAT_LAYOUT.cellHeight / 2)}" dy="0.32em" text-anchor="end" font-size="12" fill="${COLOURS.text}">${escapeXml(row)}</text>`,
    );
    input.columns.forEach((column, c) => {
      const cell = cellAt(row, column);
      const v = cell?.value ?? null;
      const x = HEAT_LAYOUT.left + c * cellWidth;
      const fill = v === null ? '#ffffff' : PALETTE[heatClass(v, max)];
      parts.push(
        `<rect class="app-chart__cell" data-row="${escapeXml(row)}" data-column="${escapeXml(column)}" data-value="${v ?? ''}" x="${num(x)}" y="${y}" width="${num(cellWidth)}" height="${HEAT_LAYOUT.cellHeight}" fill="${fill}" stroke="${v === null ? COLOURS.grid : '#ffffff'}" stroke-width="1"><title>${escapeXml(`${row}, ${column}: ${v === null ? (cell?.missing ?? 'no data') : formatCount(v)}`)}</title></rect>`,
      );
    });
  });

  const every = Math.max(1, input.columnLabelEvery ?? 1);
  input.columns.forEach((column, c) => {
    if (c % every !== 0) return;
    parts.push(
      `<text x="${num(HEAT_LAYOUT.left + (c + 0.5) * cellWidth)}" y="${gridBottom + 16}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${escapeXml(column)}</text>`,
    );
  });
  parts.push(
    `<text x="${num(HEAT_LAYOUT.left + (cols * cellWidth) / 2)}" y="${gridBottom + HEAT_LAYOUT.axis + 12}" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${escapeXml(input.columnLabel)}</text>`,
  );
  parts.push(
    legend(
      max,
      gridBottom + HEAT_LAYOUT.axis + 30,
      input.cells.some((c) => c.value === null),
    ),
  );

  const frame = { id: input.id, width: HEAT_LAYOUT.width, height, title: input.title, description: input.description };
  return {
    id: safeId(input.id),
    title: input.title,
    description: input.description,
    svg: svgDocument(frame, parts.join('')),
    table: heatTable(input, cellAt),
  };
}

const cellLookup = (cells: readonly HeatCell[]) => {
  const byKey = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
  return (row: string, column: string): HeatCell | undefined => byKey.get(`${row}\u0000${column}`);
};

/** Five swatches with the range each colour stands for, and a white one when some cells have no number. */
function legend(max: number, top: number, withBlank: boolean): string {
  const width = 110;
  const items = PALETTE.map((colour, k) => {
    const from = (max * k) / PALETTE.length;
    const to = (max * (k + 1)) / PALETTE.length;
    // Counts are whole numbers: class k holds ceil(from) up to the last whole number below `to`.
    const last = k === PALETTE.length - 1 ? max : Math.ceil(to) - 1;
    const text = last < Math.ceil(from) ? 'none' : `${formatCount(Math.ceil(from))} to ${formatCount(last)}`;
    const x = HEAT_LAYOUT.left + k * width;
    return `<rect class="app-chart__legend-swatch" x="${x}" y="${top}" width="${width - 6}" height="14" fill="${colour}" stroke="${COLOURS.grid}" stroke-width="0.5"/><text x="${x}" y="${top + 28}" font-size="11" fill="${COLOURS.text}">${escapeXml(text)}</text>`;
  });
  if (withBlank) {
    const y = top + 36;
    items.push(
      `<rect x="${HEAT_LAYOUT.left}" y="${y}" width="24" height="14" fill="#ffffff" stroke="${COLOURS.grid}"/><text x="${HEAT_LAYOUT.left + 30}" y="${y + 11}" font-size="11" fill="${COLOURS.text}">No number shown (see the table)</text>`,
    );
  }
  return `<g class="app-chart__legend"><text x="${HEAT_LAYOUT.left - 8}" y="${top + 11}" text-anchor="end" font-size="12" fill="${COLOURS.text}">Count</text>${items.join('')}</g>`;
}

/** Rows with their totals; a row with a cell missing has no total (it would not add up). */
function heatTable(input: HeatMapInput, cellAt: (row: string, column: string) => HeatCell | undefined): ChartTable {
  const head = [input.rowLabel, ...input.columns, 'Total'];
  const rows = input.rows.map((row) => {
    const cells = input.columns.map((column) => cellAt(row, column));
    const complete = cells.every((c) => c?.value != null);
    return [
      row,
      ...cells.map((c) => (c?.value == null ? (c?.missing ?? 'no data') : formatCount(c.value))),
      complete ? formatCount(cells.reduce((a, c) => a + (c?.value ?? 0), 0)) : 'n/a',
    ];
  });
  return {
    caption: `${input.title}: ${input.rowLabel.toLowerCase()} by ${input.columnLabel.toLowerCase()}`,
    head,
    rows,
    numeric: head.map((_, i) => i > 0),
  };
}
