import type { DisclosureRule } from './disclosureRule.ts';

export type PublishedCell = number | string;

/** Why one cell was withheld. The original value is deliberately not kept: the record travels with the export. */
export interface SuppressionRecord {
  row: string;
  column: string;
  reason: 'primary' | 'secondary';
  explanation: string;
}

export interface ProtectedTable {
  rule: string;
  rows: string[];
  columns: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
  suppressed: SuppressionRecord[];
  rounded: boolean;
}

export const TOTAL = 'Total';

/**
 * Applies a dataset's disclosure rule to a table of counts with row and
 * column totals. Primary suppression hides counts in the rule's range.
 * Secondary suppression treats the table with its totals as a set of
 * equations (each row and column sums to its total) and, while any row or
 * column has exactly one hidden entry, hides the smallest other positive count
 * in it (or its total when there is none), so no hidden cell can be recovered
 * by subtraction. Remaining counts are then rounded if the rule says so
 * (totals are rounded independently, as published tables do).
 */
export function suppressTable(
  rows: readonly string[],
  columns: readonly string[],
  counts: readonly (readonly number[])[],
  rule: DisclosureRule,
): ProtectedTable {
  if (counts.length !== rows.length || counts.some((r) => r.length !== columns.length)) {
    throw new RangeError(`the table must have ${rows.length} rows of ${columns.length} counts`);
  }
  counts.flat().forEach((v) => {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`counts must be whole numbers 0 or more, got ${v}`);
  });
  const R = rows.length;
  const C = columns.length;
  // Augmented grid: column C holds row totals, row R holds column totals, [R][C] the grand total.
  const grid: number[][] = counts.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  const columnTotals = Array.from({ length: C + 1 }, (_, c) => grid.reduce((s, r) => s + (r[c] as number), 0));
  grid.push(columnTotals);
  const hidden = grid.map((r) => r.map(() => false));
  const suppressed: SuppressionRecord[] = [];
  const rowName = (r: number) => (r === R ? TOTAL : (rows[r] as string));
  const columnName = (c: number) => (c === C ? TOTAL : (columns[c] as string));
  const hide = (r: number, c: number, reason: 'primary' | 'secondary', explanation: string) => {
    (hidden[r] as boolean[])[c] = true;
    suppressed.push({ row: rowName(r), column: columnName(c), reason, explanation });
  };
  const value = (r: number, c: number) => (grid[r] as number[])[c] as number;
  const isHidden = (r: number, c: number) => (hidden[r] as boolean[])[c] as boolean;

  const range = rule.suppressRange;
  if (range) {
    for (let r = 0; r <= R; r++) {
      for (let c = 0; c <= C; c++) {
        const v = value(r, c);
        if (v >= range[0] && v <= range[1]) hide(r, c, 'primary', `count between ${range[0]} and ${range[1]}`);
      }
    }
  }

  if (rule.secondarySuppression && suppressed.length > 0) {
    const lines: { cells: [number, number][]; name: string }[] = [];
    for (let r = 0; r <= R; r++)
      lines.push({
        cells: Array.from({ length: C + 1 }, (_, c) => [r, c] as [number, number]),
        name: `row ${rowName(r)}`,
      });
    for (let c = 0; c <= C; c++)
      lines.push({
        cells: Array.from({ length: R + 1 }, (_, r) => [r, c] as [number, number]),
        name: `column ${columnName(c)}`,
      });
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        const hiddenCells = line.cells.filter(([r, c]) => isHidden(r, c));
        if (hiddenCells.length !== 1) continue;
        const [hr, hc] = hiddenCells[0] as [number, number];
        // The total is the line's last entry; prefer hiding a positive count over the total.
        const candidates = line.cells.slice(0, -1).filter(([r, c]) => !isHidden(r, c) && value(r, c) > 0);
        candidates.sort((a, b) => value(a[0], a[1]) - value(b[0], b[1]));
        const [nr, nc] = candidates[0] ?? (line.cells[line.cells.length - 1] as [number, number]);
        if (isHidden(nr, nc)) continue;
        hide(
          nr,
          nc,
          'secondary',
          `protects ${rowName(hr)} × ${columnName(hc)}, which ${line.name} would otherwise reveal`,
        );
        changed = true;
      }
    }
  }

  const publish = (r: number, c: number): PublishedCell => {
    if (isHidden(r, c)) return rule.symbol;
    const v = value(r, c);
    return rule.roundTo ? Math.round(v / rule.roundTo) * rule.roundTo : v;
  };
  return {
    rule: rule.id,
    rows: [...rows],
    columns: [...columns],
    cells: rows.map((_, r) => columns.map((__, c) => publish(r, c))),
    rowTotals: rows.map((_, r) => publish(r, C)),
    columnTotals: columns.map((_, c) => publish(R, c)),
    grandTotal: publish(R, C),
    suppressed,
    rounded: rule.roundTo !== null,
  };
}
