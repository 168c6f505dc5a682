import { formatCount } from '../../../../charts/svg.ts';
import type { FlatCell, FlatTable } from './figureRows.ts';

export interface PageTable {
  head: { text: string; numeric: boolean }[];
  rows: { text: string; numeric: boolean; header: boolean }[][];
  /** How many rows the figures have; the page shows at most `maxRows` of them (downloads have all). */
  total: number;
}

/** Hotspot grids can have thousands of cells: the page shows this many rows and the downloads the rest. */
export const MAX_PAGE_ROWS = 500;

const GB = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });

function show(value: FlatCell, key: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (key === 'count' || key === 'denominator' || Number.isInteger(value)) return formatCount(value);
  return GB.format(value);
}

/**
 * The flat table as the page shows it: group columns, count, rate, the
 * interval as "lower to upper", method, extract date, then every other column.
 * Numbers are formatted for reading; the downloads carry the same values in full.
 */
export function pageTable(table: FlatTable, maxRows = MAX_PAGE_ROWS): PageTable {
  const at = (key: string) => table.columns.findIndex((c) => c.key === key);
  const lower = at('lower');
  const upper = at('upper');
  const groups = table.columns.map((c, i) => (c.key.startsWith('group.') ? i : -1)).filter((i) => i >= 0);
  const lead = ['count', 'rate'].map(at).filter((i) => i >= 0);
  const after = ['method', 'extractDate'].map(at).filter((i) => i >= 0);
  const used = new Set([...groups, ...lead, ...after, lower, upper]);
  const rest = table.columns.map((_, i) => i).filter((i) => !used.has(i));
  const hasInterval = lower >= 0 && upper >= 0;

  const head = [
    ...groups.map((i) => ({ text: table.columns[i]!.head, numeric: false })),
    ...lead.map((i) => ({ text: table.columns[i]!.head, numeric: true })),
    ...(hasInterval ? [{ text: 'Interval', numeric: true }] : []),
    ...after.map((i) => ({ text: table.columns[i]!.head, numeric: false })),
    ...rest.map((i) => ({ text: table.columns[i]!.head, numeric: table.columns[i]!.numeric })),
  ];
  const rows = table.rows.slice(0, maxRows).map((row) => {
    const cell = (i: number, header = false) => ({
      text: show(row[i] ?? null, table.columns[i]!.key),
      numeric: !header && table.columns[i]!.numeric,
      header,
    });
    const interval = () => {
      const lo = show(row[lower] ?? null, 'lower');
      const hi = show(row[upper] ?? null, 'upper');
      return { text: lo && hi ? (lo === hi && lo === '*' ? '*' : `${lo} to ${hi}`) : '', numeric: true, header: false };
    };
    return [
      ...groups.map((i, n) => cell(i, n === 0)),
      ...lead.map((i) => cell(i)),
      ...(hasInterval ? [interval()] : []),
      ...after.map((i) => cell(i)),
      ...rest.map((i) => cell(i)),
    ];
  });
  return { head, rows, total: table.rows.length };
}
