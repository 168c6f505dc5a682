import { describe, expect, it } from 'vitest';
import { DISCLOSURE_RULES } from './disclosureRule.ts';
import { neutraliseCsvCell } from './neutraliseCsvCell.ts';
import { suppressTable, type ProtectedTable } from './suppressTable.ts';

const wards = ['Bow East', 'Mile End', 'Poplar'];
const ages = ['0–17', '18–24', '25+'];

/** Every hidden cell must have at least one other hidden entry in its row and in its column (totals included). */
function recoverable(t: ProtectedTable): string[] {
  const grid = [...t.cells.map((r, i) => [...r, t.rowTotals[i]]), [...t.columnTotals, t.grandTotal]];
  const problems: string[] = [];
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell !== '*') return;
      if (row.filter((x) => x === '*').length < 2) problems.push(`row ${r}`);
      if (grid.filter((x) => x[c] === '*').length < 2) problems.push(`column ${c}`);
    }),
  );
  return problems;
}

describe('suppressTable', () => {
  it('NHS rule: suppress 1–7, secondary suppression, round to 5', () => {
    // Bow East × 0–17 = 3 is the only primary cell. Row Bow East would reveal it (55 − 12 − 40), so its smallest
    // other count (12) is hidden; column 0–17 would reveal it (27 − 15 − 9), so 9 is hidden; and so on until
    // every row and column (totals included) holds 0 or at least 2 hidden entries.
    const t = suppressTable(
      wards,
      ages,
      [
        [3, 12, 40],
        [15, 20, 60],
        [9, 30, 80],
      ],
      DISCLOSURE_RULES.nhsHospital,
    );
    expect(t.suppressed[0]).toEqual({
      row: 'Bow East',
      column: '0–17',
      reason: 'primary',
      explanation: 'count between 1 and 7',
    });
    // Worked by hand through the rule (rows then columns, again until nothing changes): pass 1 hides 12 (row Bow
    // East), 9 (column 0–17), 20 (column 18–24, now alone with 12); pass 2 hides 15 (row Mile End) and 30 (row
    // Poplar); pass 3 finds every line with 0 or 2+ hidden. Totals round on their own: 27 → 25, 62 → 60, 119 → 120.
    expect(t.suppressed.map((s) => `${s.reason}: ${s.row} × ${s.column}`)).toEqual([
      'primary: Bow East × 0–17',
      'secondary: Bow East × 18–24',
      'secondary: Poplar × 0–17',
      'secondary: Mile End × 18–24',
      'secondary: Mile End × 0–17',
      'secondary: Poplar × 18–24',
    ]);
    expect(t.cells).toEqual([
      ['*', '*', 40],
      ['*', '*', 60],
      ['*', '*', 80],
    ]);
    expect([t.rowTotals, t.columnTotals]).toEqual([
      [55, 95, 120],
      [25, 60, 180],
    ]);
    expect(recoverable(t)).toEqual([]);
    // published values are multiples of 5 or *
    for (const v of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.grandTotal])
      expect(v === '*' || (typeof v === 'number' && v % 5 === 0)).toBe(true);
    expect(t.grandTotal).toBe(270); // 3+12+40+15+20+60+9+30+80 = 269 → 270
    expect(JSON.stringify(t.suppressed)).not.toMatch(/"value"/);
  });

  it('a row with no other positive count hides its total', () => {
    const t = suppressTable(
      ['A', 'B'],
      ['x', 'y'],
      [
        [4, 0],
        [10, 20],
      ],
      DISCLOSURE_RULES.caseDerived,
    );
    // Row A = [4, 0 | 4]: the total 4 is itself 1–7 and primary; column x = [4, 10 | 14] needs another: B×x = 10.
    expect(t.cells).toEqual([
      ['*', 0],
      ['*', 20],
    ]);
    expect(t.rowTotals[0]).toBe('*');
    expect(recoverable(t)).toEqual([]);
    expect(t.rounded).toBe(false);
  });

  it('secondary suppression can reach the totals when a line has nothing else to hide', () => {
    const t = suppressTable(['A'], ['x', 'y'], [[5, 0]], { ...DISCLOSURE_RULES.caseDerived, suppressRange: [5, 5] });
    // Row A = [5, 0 | 5]: both 5s are primary. Column x = [5 | 5]: both hidden. Column y = [0 | 0]: nothing hidden. Nothing recoverable.
    expect(recoverable(t)).toEqual([]);
  });

  it('MPS published data is not suppressed or rounded', () => {
    const t = suppressTable(
      wards,
      ages,
      [
        [3, 12, 40],
        [15, 20, 60],
        [9, 30, 80],
      ],
      DISCLOSURE_RULES.mpsPublished,
    );
    expect(t.cells).toEqual([
      [3, 12, 40],
      [15, 20, 60],
      [9, 30, 80],
    ]);
    expect(t.suppressed).toEqual([]);
    expect(t.rowTotals).toEqual([55, 95, 119]);
  });

  it('zeros are not suppressed', () => {
    const t = suppressTable(
      ['A', 'B'],
      ['x', 'y'],
      [
        [0, 10],
        [10, 10],
      ],
      DISCLOSURE_RULES.caseDerived,
    );
    expect(t.suppressed).toEqual([]);
  });

  it('refuses a ragged table and negative counts', () => {
    expect(() => suppressTable(['A'], ['x', 'y'], [[1]], DISCLOSURE_RULES.caseDerived)).toThrow(
      'the table must have 1 rows of 2 counts',
    );
    expect(() => suppressTable(['A'], ['x'], [[-1]], DISCLOSURE_RULES.caseDerived)).toThrow(
      'counts must be whole numbers 0 or more, got -1',
    );
  });
});

describe('neutraliseCsvCell', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 20 7946', "'+44 20 7946"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Tower Hamlets', 'Tower Hamlets'],
    ['', ''],
    ["'quoted", "'quoted"],
  ])('%j → %j', (input, output) => expect(neutraliseCsvCell(input)).toBe(output));

  it('numbers and nulls', () => {
    expect(neutraliseCsvCell(-3.2)).toBe('-3.2');
    expect(neutraliseCsvCell(null)).toBe('');
  });
});
