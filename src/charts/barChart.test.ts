import { describe, expect, it } from 'vitest';
import { barChart, wrapLabel, type BarChartInput } from './barChart.ts';

// Layout (see BAR_LAYOUT): plot from x = 180 to x = 500 (320 px); rows 32 px tall,
// bars 20 px tall, so row i's bar starts at y = top + 32i + 6; top = 8, or 28 with a labelled reference line.
const base: Omit<BarChartInput, 'bars'> = {
  id: 'test-bars',
  title: 'Test bars',
  categoryHeading: 'Group',
  valueHeading: 'Value',
};

const rects = (svg: string) =>
  [...svg.matchAll(/<rect class="app-chart__bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map(
    (m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }),
  );

describe('barChart on a linear scale', () => {
  it('draws bars from 0 with lengths in proportion to the values', () => {
    // Values 10, 20, 40: the axis is 0–40 (already "nice"), so 320 px / 40 = 8 px per unit.
    const chart = barChart({
      ...base,
      bars: [
        { label: 'A', value: 10 },
        { label: 'B', value: 20 },
        { label: 'C', value: 40 },
      ],
    });
    expect(rects(chart.svg)).toEqual([
      { x: 180, y: 14, width: 80, height: 20 },
      { x: 180, y: 46, width: 160, height: 20 },
      { x: 180, y: 78, width: 320, height: 20 },
    ]);
    // Three rows of 32 px, 8 px above, 30 px axis below.
    expect(chart.svg).toContain('viewBox="0 0 600 134"');
  });

  it('draws whiskers from the lower to the upper limit with end caps', () => {
    // Fixed axis 0–40: lower 10 → 180 + 80 = 260, upper 30 → 180 + 240 = 420; row 0 centre y = 8 + 6 + 10 = 24.
    const chart = barChart({ ...base, domain: [0, 40], bars: [{ label: 'A', value: 20, lower: 10, upper: 30 }] });
    expect(chart.svg).toContain('d="M260,24H420M260,19V29M420,19V29"');
    expect(chart.table.head).toEqual(['Group', 'Value', 'Lower limit', 'Upper limit']);
    expect(chart.table.rows).toEqual([['A', '20', '10', '30']]);
  });

  it('shows "no data" for a missing value and draws no bar for it', () => {
    const chart = barChart({
      ...base,
      bars: [
        { label: 'A', value: 5 },
        { label: 'B', value: null },
      ],
    });
    expect(rects(chart.svg)).toHaveLength(1);
    expect(chart.svg).toMatch(/<text class="app-chart__value"[^>]*>no data<\/text>/);
    expect(chart.table.rows[1]).toEqual(['B', 'no data']);
  });

  it('puts the value text right of the plot and labels left of it', () => {
    const chart = barChart({ ...base, format: (n) => `${n}%`, bars: [{ label: 'Female', value: 62.6 }] });
    expect(chart.svg).toContain(
      '<text class="app-chart__value" x="508" y="24" dy="0.35em" font-size="13" fill="#0b0c0c">62.6%</text>',
    );
    expect(chart.svg).toContain('<text class="app-chart__label" x="172" y="24" text-anchor="end"');
  });
});

describe('barChart on a log scale (rate ratios)', () => {
  it('places 2 and 0.5 the same distance either side of the reference 1', () => {
    // Spread 2 → axis 0.5 to 2, so 1 is the middle: x(0.5) = 180, x(1) = 340, x(2) = 500. Reference label adds 20 px above.
    const chart = barChart({
      ...base,
      scale: 'log',
      reference: { value: 1, label: 'Parity (1)' },
      bars: [
        { label: 'Double', value: 2 },
        { label: 'Half', value: 0.5 },
      ],
    });
    expect(rects(chart.svg)).toEqual([
      { x: 340, y: 34, width: 160, height: 20 },
      { x: 180, y: 66, width: 160, height: 20 },
    ]);
    expect(chart.svg).toContain('<line class="app-chart__reference" x1="340" x2="340"');
    expect(chart.svg).toContain('Parity (1)</text>');
  });

  it('widens the axis to the smallest factor that holds the interval, and places the ratio by its logarithm', () => {
    // Upper limit 3.19 > 3, so the axis runs 1/5 to 5: x(v) = 180 + 320 × ln(v / 0.2) / ln(25).
    const chart = barChart({
      ...base,
      scale: 'log',
      reference: { value: 1, label: 'Parity' },
      bars: [{ label: 'Black', value: 2.95, lower: 2.73, upper: 3.19 }],
    });
    const x = (v: number) => 180 + (320 * Math.log(v / 0.2)) / Math.log(25);
    const [bar] = rects(chart.svg);
    expect(bar!.x).toBeCloseTo(340, 2);
    expect(bar!.x + bar!.width).toBeCloseTo(x(2.95), 1);
    const whisker = /d="M([\d.]+),44H([\d.]+)/.exec(chart.svg);
    expect(Number(whisker![1])).toBeCloseTo(x(2.73), 1);
    expect(Number(whisker![2])).toBeCloseTo(x(3.19), 1);
    // Ticks on the 1-2-5 series within 0.2–5.
    for (const t of ['0.2', '0.5', '1', '2', '5']) expect(chart.svg).toContain(`>${t}</text>`);
  });

  it('falls back to powers of ten when 1-2-5 ticks would crowd a wide axis', () => {
    // 1 / 0.03 = 33.3 → factor 50 → axis 0.02 to 50: eleven 1-2-5 ticks, so only 0.1, 1 and 10 are drawn.
    // x(0.1) = 180 + 320 × ln(5) / ln(2500) = 245.83; x(10) = 180 + 320 × ln(500) / ln(2500) = 434.17.
    const chart = barChart({
      ...base,
      scale: 'log',
      reference: { value: 1, label: 'Parity' },
      bars: [{ label: 'Young', value: 0.03 }],
    });
    const ticks = [
      ...chart.svg.matchAll(
        /<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" font-size="12" fill="#505a5f">([^<]+)<\/text>/g,
      ),
    ].map((m) => [Number(m[1]), m[2]]);
    expect(ticks.map((t) => t[1])).toEqual(['0.1', '1', '10']);
    expect(ticks[0]![0]).toBeCloseTo(245.83, 1);
    expect(ticks[2]![0]).toBeCloseTo(434.17, 1);
  });

  it('draws no bar for a ratio of 0, which has no place on a log axis', () => {
    const chart = barChart({
      ...base,
      scale: 'log',
      reference: { value: 1, label: 'Parity' },
      bars: [
        { label: 'None seen', value: 0 },
        { label: 'Some', value: 1.5 },
      ],
    });
    expect(rects(chart.svg)).toHaveLength(1);
    expect(chart.svg).toMatch(/app-chart__value[^>]*>0<\/text>/);
  });
});

describe('barChart text and safety', () => {
  it('escapes labels and values, and uses no style attributes or elements (the CSP forbids them)', () => {
    const chart = barChart({
      ...base,
      title: 'A <b>title</b>',
      bars: [{ label: '<script>alert("x")</script> & co', value: 1, valueText: '<1>' }],
    });
    expect(chart.svg).not.toContain('<script>');
    expect(chart.svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(chart.svg).toContain('&lt;1&gt;');
    expect(chart.svg).toContain('A &lt;b&gt;title&lt;/b&gt;');
    expect(chart.svg).not.toMatch(/style\s*=|<style/i);
  });

  it('writes a text alternative with every value and interval, and the reference', () => {
    const chart = barChart({
      ...base,
      scale: 'log',
      reference: { value: 1, label: 'equal rates' },
      format: (n) => n.toFixed(2),
      bars: [
        { label: 'Black', value: 2.95, lower: 2.73, upper: 3.19 },
        { label: 'Asian', value: 1.13, lower: 1.06, upper: 1.2 },
      ],
    });
    expect(chart.description).toBe(
      'Value by group: Black: 2.95 (2.73 to 3.19); Asian: 1.13 (1.06 to 1.20). The line marks equal rates.',
    );
  });

  it('adds extra table columns in order', () => {
    const chart = barChart({
      ...base,
      extraColumns: [
        { head: 'Count', numeric: true },
        { head: 'Note', numeric: false },
      ],
      bars: [{ label: 'A', value: 3, extra: [12, 'small'] }],
    });
    expect(chart.table.head).toEqual(['Group', 'Value', 'Count', 'Note']);
    expect(chart.table.rows).toEqual([['A', '3', 12, 'small']]);
    expect(chart.table.numeric).toEqual([false, true, true, false]);
  });

  it('wraps long labels onto two lines and shortens anything longer', () => {
    expect(wrapLabel('Short')).toEqual(['Short']);
    expect(wrapLabel('Find rate (any outcome other than no further action)')).toEqual([
      'Find rate (any outcome',
      'other than no further a…',
    ]);
    expect(wrapLabel('Penalty Notice for Disorder')).toEqual(['Penalty Notice for', 'Disorder']);
  });
});
