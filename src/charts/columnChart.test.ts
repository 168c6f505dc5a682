import { describe, expect, it } from 'vitest';
import { BAR_FILL, COLUMN_LAYOUT, columnChart, type ColumnChartInput } from './columnChart.ts';

function tags(svg: string, name: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
const withClass = (svg: string, name: string, cls: string) =>
  tags(svg, name).filter((t) => (t.class ?? '').split(' ').includes(cls));

const PLOT_W = COLUMN_LAYOUT.width - COLUMN_LAYOUT.left - COLUMN_LAYOUT.right;
const PLOT_H = COLUMN_LAYOUT.height - COLUMN_LAYOUT.top - COLUMN_LAYOUT.bottom;
const input: ColumnChartInput = {
  id: 'months',
  title: 'Month profile',
  description: 'Counts by month.',
  xLabel: 'Month',
  yLabel: 'Offences',
  bars: [
    { label: 'Jan', value: 20 },
    { label: 'Feb', value: 80 },
    { label: 'Mar', value: 40 },
    { label: 'Apr', value: 60 },
    { label: 'May', value: 100 },
  ],
};

describe('columnChart', () => {
  it('draws one bar per value, placed by slot and scaled from 0 to the top', () => {
    const chart = columnChart(input);
    const bars = withClass(chart.svg, 'rect', 'app-chart__bar');
    expect(bars).toHaveLength(5);
    const step = PLOT_W / 5;
    // Feb = 80 of a 0–100 axis: 80% of the plot height, in the second slot.
    expect(Number(bars[1]!.x)).toBeCloseTo(COLUMN_LAYOUT.left + step + (step * (1 - BAR_FILL)) / 2, 1);
    expect(Number(bars[1]!.width)).toBeCloseTo(step * BAR_FILL, 1);
    expect(Number(bars[1]!.height)).toBeCloseTo(PLOT_H * 0.8, 1);
    expect(Number(bars[4]!.y)).toBeCloseTo(COLUMN_LAYOUT.top, 1);
    expect(chart.table.rows).toEqual([
      ['Jan', '20'],
      ['Feb', '80'],
      ['Mar', '40'],
      ['Apr', '60'],
      ['May', '100'],
    ]);
  });

  it('leaves a null value out (says no data) rather than drawing a zero', () => {
    const chart = columnChart({
      ...input,
      bars: [
        { label: 'a', value: 5 },
        { label: 'b', value: null },
      ],
    });
    expect(withClass(chart.svg, 'rect', 'app-chart__bar')).toHaveLength(1);
    expect(chart.svg).toContain('no data');
    expect(chart.table.rows[1]).toEqual(['b', 'no data']);
  });

  it('draws error bars for limits and formats shares as percentages', () => {
    const chart = columnChart({
      ...input,
      valueFormat: 'percent',
      bars: [
        { label: 'term', value: 0.12, lower: 0.1, upper: 0.14 },
        { label: 'holiday', value: 0.04, lower: 0.03, upper: 0.05 },
      ],
    });
    expect(withClass(chart.svg, 'path', 'app-chart__error-bar')).toHaveLength(2);
    expect(chart.table.head).toEqual(['Month', 'Offences', 'Lower limit', 'Upper limit']);
    expect(chart.table.rows[0]).toEqual(['term', '12.0%', '10.0%', '14.0%']);
  });

  it('is accessible and CSP-safe', () => {
    const chart = columnChart({ ...input, title: 'Bars & <co>', bars: [{ label: '<Jan>', value: 1 }] });
    expect(chart.svg).toContain('<title id="months-title">Bars &amp; &lt;co&gt;</title>');
    expect(chart.svg).toContain('<desc id="months-desc">Counts by month.</desc>');
    expect(chart.svg).toContain('&lt;Jan&gt;');
    expect(chart.svg).not.toContain('<Jan>');
    expect(chart.svg).not.toMatch(/style=/);
  });
});
