import { describe, expect, it } from 'vitest';
import { LINE_LAYOUT, lineChart, type LineChartInput } from './lineChart.ts';

/** Start tags of one element name, with their attributes (enough to check the SVG without a DOM). */
function tags(svg: string, name: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
const withClass = (svg: string, name: string, cls: string) =>
  tags(svg, name).filter((t) => (t.class ?? '').split(' ').includes(cls));

const PLOT_W = LINE_LAYOUT.width - LINE_LAYOUT.left - LINE_LAYOUT.right;
const PLOT_H = LINE_LAYOUT.height - LINE_LAYOUT.top - LINE_LAYOUT.bottom;
const base: LineChartInput = {
  id: 'trend',
  title: 'Knife crime',
  description: 'Four months of counts.',
  xLabel: 'Month',
  yLabel: 'Offences',
  series: [
    {
      name: 'Tower Hamlets',
      points: [
        { label: '2025-01', value: 0, flags: [] },
        { label: '2025-02', value: 50, flags: [] },
        { label: '2025-03', value: 100, flags: ['outside limits'] },
        { label: '2025-04', value: 25, flags: [] },
      ],
    },
  ],
};

describe('lineChart', () => {
  it('places each point by the band-centred x scale and the linear y scale from 0', () => {
    const chart = lineChart(base);
    const circles = withClass(chart.svg, 'circle', 'app-chart__point');
    expect(circles).toHaveLength(3);
    const step = PLOT_W / 4;
    // 0 sits on the axis, 50 half-way up, 25 a quarter of the way (the y domain is 0–100).
    expect(Number(circles[0]!.cx)).toBeCloseTo(LINE_LAYOUT.left + step * 0.5, 1);
    expect(Number(circles[0]!.cy)).toBeCloseTo(LINE_LAYOUT.top + PLOT_H, 1);
    expect(Number(circles[1]!.cy)).toBeCloseTo(LINE_LAYOUT.top + PLOT_H / 2, 1);
    expect(Number(circles[2]!.cx)).toBeCloseTo(LINE_LAYOUT.left + step * 3.5, 1);
    expect(Number(circles[2]!.cy)).toBeCloseTo(LINE_LAYOUT.top + PLOT_H * 0.75, 1);
  });

  it('marks a flagged point by shape (a diamond path) as well as colour', () => {
    const chart = lineChart(base);
    const flagged = withClass(chart.svg, 'path', 'app-chart__point--flagged');
    expect(flagged).toHaveLength(1);
    expect(Number(flagged[0]!['data-x'])).toBeCloseTo(LINE_LAYOUT.left + (PLOT_W / 4) * 2.5, 1);
    expect(Number(flagged[0]!['data-y'])).toBeCloseTo(LINE_LAYOUT.top, 1);
    expect(flagged[0]!.fill).not.toBe(withClass(chart.svg, 'circle', 'app-chart__point')[0]!.fill);
    expect(chart.table.rows[2]).toEqual(['2025-03', '100', 'outside limits']);
  });

  it('draws SPC centre and limits at their values, leaving out a lower limit below zero', () => {
    const chart = lineChart({ ...base, spc: { centre: 40, lowerLimit: -5, upperLimit: 80 } });
    const centre = withClass(chart.svg, 'line', 'app-chart__spc-centre');
    const limits = withClass(chart.svg, 'line', 'app-chart__spc-limit');
    expect(centre).toHaveLength(1);
    expect(Number(centre[0]!.y1)).toBeCloseTo(LINE_LAYOUT.top + PLOT_H * 0.6, 1);
    expect(limits).toHaveLength(1);
    expect(Number(limits[0]!.y1)).toBeCloseTo(LINE_LAYOUT.top + PLOT_H * 0.2, 1);
    expect(
      lineChart({ ...base, spc: { centre: 40, lowerLimit: 10, upperLimit: 80 } }).svg.match(/app-chart__spc-limit/g),
    ).toHaveLength(2);
  });

  it('adds a second, dashed series with square markers, matched by label', () => {
    const chart = lineChart({
      ...base,
      series: [
        ...base.series,
        {
          name: 'London',
          points: [
            { label: '2025-02', value: 10 },
            { label: '2025-04', value: 20 },
            { label: '2026-01', value: 99 },
          ],
        },
      ],
    });
    const lines = withClass(chart.svg, 'path', 'app-chart__series');
    expect(lines).toHaveLength(2);
    expect(lines[1]!['stroke-dasharray']).toBe('8 4');
    const squares = withClass(chart.svg, 'rect', 'app-chart__point');
    expect(squares.map((s) => Number(s['data-x']))).toEqual([
      LINE_LAYOUT.left + (PLOT_W / 4) * 1.5,
      LINE_LAYOUT.left + (PLOT_W / 4) * 3.5,
    ]);
    expect(chart.table.head).toEqual(['Month', 'Tower Hamlets', 'London', 'Special cause signals']);
    expect(chart.table.rows[0]![2]).toBe('no data');
  });

  it('shades a band over its categories and draws null as a gap, not a zero', () => {
    const chart = lineChart({
      ...base,
      band: { from: '2025-02', to: '2025-03', label: 'Baseline 2024/25' },
      series: [
        {
          name: 'A',
          points: [
            { label: 'a', value: 1 },
            { label: '2025-02', value: null },
            { label: '2025-03', value: 3 },
            { label: 'b', value: 4 },
          ],
        },
      ],
    });
    const band = withClass(chart.svg, 'rect', 'app-chart__band');
    expect(Number(band[0]!.x)).toBeCloseTo(LINE_LAYOUT.left + PLOT_W / 4, 1);
    expect(Number(band[0]!.width)).toBeCloseTo(PLOT_W / 2, 1);
    expect(withClass(chart.svg, 'circle', 'app-chart__point')).toHaveLength(3);
    expect(withClass(chart.svg, 'path', 'app-chart__series')[0]!.d!.match(/M/g)).toHaveLength(2);
    expect(chart.table.rows[1]).toEqual(['2025-02', 'no data']);
  });

  it('draws an interval band and tabulates the limits', () => {
    const chart = lineChart({
      ...base,
      valueFormat: 'rate',
      series: [
        {
          name: 'Rate',
          points: [
            { label: 'x', value: 1.5, lower: 1, upper: 2 },
            { label: 'y', value: 2.5, lower: 2, upper: 3 },
          ],
        },
      ],
    });
    expect(withClass(chart.svg, 'path', 'app-chart__interval')).toHaveLength(1);
    expect(chart.table.head).toEqual(['Month', 'Rate', 'Rate: lower limit', 'Rate: upper limit']);
    expect(chart.table.rows[1]).toEqual(['y', '2.50', '2.00', '3.00']);
  });

  it('is accessible and CSP-safe: title and desc, no style attributes, names escaped', () => {
    const chart = lineChart({
      ...base,
      title: 'A <b> & "c"',
      description: 'Desc <script>',
      series: [{ name: 'Area <x>', points: base.series[0]!.points }],
    });
    expect(chart.svg).toMatch(/<title id="trend-title">A &lt;b&gt; &amp; &quot;c&quot;<\/title>/);
    expect(chart.svg).toContain('<desc id="trend-desc">Desc &lt;script&gt;</desc>');
    expect(chart.svg).not.toMatch(/style=/);
    expect(chart.svg).not.toContain('<x>');
    expect(chart.svg).toContain('Area &lt;x&gt;');
    expect(chart.svg).toMatch(/role="img"/);
  });

  it('labels at most 9 categories on the axis, evenly', () => {
    const points = Array.from({ length: 36 }, (_, i) => ({ label: `m${i}`, value: i }));
    const chart = lineChart({ ...base, series: [{ name: 'A', points }] });
    expect(withClass(chart.svg, 'text', 'app-chart__x-label').map((t) => t.x)).toHaveLength(9);
    expect(chart.table.rows).toHaveLength(36);
  });
});
