import { describe, expect, it } from 'vitest';
import { COLOURS } from './svg.ts';
import { HEAT_LAYOUT, heatClass, heatMap, type HeatMapInput } from './heatMap.ts';

function tags(svg: string, name: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
const withClass = (svg: string, name: string, cls: string) =>
  tags(svg, name).filter((t) => (t.class ?? '').split(' ').includes(cls));

const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
// value = day index × 24 + hour: 0 … 167, so the peak is Sunday 23.
const input: HeatMapInput = {
  id: 'hw',
  title: 'Hour by weekday',
  description: 'When offences happen.',
  rows: days,
  columns: hours,
  rowLabel: 'Day',
  columnLabel: 'Hour',
  columnLabelEvery: 3,
  cells: days.flatMap((row, d) => hours.map((column, h) => ({ row, column, value: d * 24 + h }))),
};

describe('heatMap', () => {
  it('draws 7 × 24 cells at their row and column', () => {
    const cells = withClass(heatMap(input).svg, 'rect', 'app-chart__cell');
    expect(cells).toHaveLength(168);
    const cellWidth = (HEAT_LAYOUT.width - HEAT_LAYOUT.left - HEAT_LAYOUT.right) / 24;
    const wed17 = cells.find((c) => c['data-row'] === 'Wednesday' && c['data-column'] === '17')!;
    expect(Number(wed17.x)).toBeCloseTo(HEAT_LAYOUT.left + 17 * cellWidth, 1);
    expect(Number(wed17.y)).toBe(HEAT_LAYOUT.top + 2 * HEAT_LAYOUT.cellHeight);
    expect(wed17['data-value']).toBe(String(2 * 24 + 17));
  });

  it('colours by five equal-width classes of the peak, with a five-swatch legend', () => {
    const svg = heatMap(input).svg;
    const cells = withClass(svg, 'rect', 'app-chart__cell');
    const fill = (row: string, column: string) =>
      cells.find((c) => c['data-row'] === row && c['data-column'] === column)!.fill;
    expect(fill('Monday', '00')).toBe(COLOURS.sequential[0]);
    expect(fill('Sunday', '23')).toBe(COLOURS.sequential[4]);
    // 100 / 167 = 0.599 → class 2 (0.4 ≤ share < 0.6); 101 / 167 = 0.605 → class 3.
    expect(fill('Monday', '00')).not.toBe(fill('Friday', '04'));
    expect(heatClass(100, 167)).toBe(2);
    expect(heatClass(101, 167)).toBe(3);
    expect(fill('Friday', '04')).toBe(COLOURS.sequential[2]); // Friday 04 = 4 × 24 + 4 = 100
    expect(withClass(svg, 'rect', 'app-chart__legend-swatch')).toHaveLength(5);
    // 167 / 5 = 33.4: whole-number classes 0–33, 34–66, 67–100, 101–133, 134–167.
    expect(svg).toContain('>0 to 33<');
    expect(svg).toContain('>67 to 100<');
    expect(svg).toContain('>134 to 167<');
    expect(heatClass(0, 0)).toBe(0);
  });

  it('puts every number in the table with row totals', () => {
    const table = heatMap(input).table;
    expect(table.head).toHaveLength(26);
    expect(table.rows).toHaveLength(7);
    // Monday: 0 + 1 + … + 23 = 276.
    expect(table.rows[0]![25]).toBe('276');
    expect(table.rows[6]![24]).toBe('167');
  });

  it('draws an unknown or suppressed cell blank, says which, and gives no row total that would not add up', () => {
    const chart = heatMap({
      ...input,
      rows: ['A', 'B'],
      columns: ['x', 'y'],
      cells: [
        { row: 'A', column: 'x', value: 4 },
        { row: 'B', column: 'x', value: 1 },
        { row: 'B', column: 'y', value: null, missing: 'suppressed' },
      ],
    });
    const cells = withClass(chart.svg, 'rect', 'app-chart__cell');
    expect(cells[1]!.fill).toBe('#ffffff');
    expect(cells[3]!.fill).toBe('#ffffff');
    expect(chart.table.rows).toEqual([
      ['A', '4', 'no data', 'n/a'],
      ['B', '1', 'suppressed', 'n/a'],
    ]);
    expect(chart.svg).toContain('No number shown');
  });

  it('is accessible and CSP-safe', () => {
    const chart = heatMap({
      ...input,
      title: 'T & <t>',
      rows: ['<row>'],
      cells: [{ row: '<row>', column: '00', value: 1 }],
    });
    expect(chart.svg).toContain('<title id="hw-title">T &amp; &lt;t&gt;</title>');
    expect(chart.svg).toContain('<desc id="hw-desc">When offences happen.</desc>');
    expect(chart.svg).not.toContain('<row>');
    expect(chart.svg).not.toMatch(/style=/);
  });
});
