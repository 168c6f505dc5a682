import { describe, expect, it } from 'vitest';
import type { AnalysisResult, ShapedFigures } from '../analysis/analysisResult.ts';
import type { AreaFigure, Benchmark } from '../analysis/figureShapes.ts';
import { resultChart } from './resultChart.ts';

const base = {
  denominator: 1000,
  lower: null,
  upper: null,
  multiplier: 1000,
  method: 'crude rate per 1,000, Byar limits',
  confidence: '95%',
  definition: 'd',
  source: 's',
  extractDate: '2026-02-28',
};
const result = (shaped: ShapedFigures): AnalysisResult => ({
  ...shaped,
  definition: { id: 'd', version: 1, name: 'Knife crime', counts: 'offences' },
  vintage: { source: 's', extractDates: [], denominator: null, asOf: null, synthetic: false },
  warnings: [],
});

describe('resultChart', () => {
  it('a time breakdown is a line of counts; a withheld month is a gap said as "suppressed", not a zero', () => {
    const chart = resultChart(
      result({
        shape: 'series',
        figures: [
          { ...base, group: { month: '2025-01' }, count: 20, rate: 20 },
          { ...base, group: { month: '2025-02' }, count: null, rate: null, suppressed: true },
          { ...base, group: { month: '2025-03' }, count: 12, rate: 12 },
        ],
      }),
      'month',
      'Tower Hamlets',
      '2025',
    )!;
    expect(chart.svg).toContain('app-chart__series');
    expect(chart.table.rows.map((r) => r.slice(0, 2))).toEqual([
      ['2025-01', '20'],
      ['2025-02', 'suppressed'],
      ['2025-03', '12'],
    ]);
    expect(chart.description).toContain(
      '2 of 3 month values shown, the latest (2025-03) 12, the highest 20 in 2025-01',
    );
  });

  it('the headline is drawn beside its benchmark areas', () => {
    const chart = resultChart(
      result({
        shape: 'headline',
        figures: [
          {
            ...base,
            group: { area: 'Tower Hamlets', period: '2025' },
            count: 138,
            rate: 0.4447,
            // Only what the chart reads of a benchmark.
            benchmarks: [{ area: 'London', rate: 0.3817 } as Benchmark],
          },
        ],
      }),
      'none',
      'Tower Hamlets',
      '2025',
    )!;
    expect(chart.table.rows.map((r) => r[0])).toEqual(['Tower Hamlets', 'London']);
    expect(chart.description).toContain('Tower Hamlets 0.44; London 0.38');
  });

  it('more than 30 bars: the 30 highest, and the title says so', () => {
    const figures = Array.from(
      { length: 40 },
      (_, i): AreaFigure => ({ ...base, group: { lsoa: `E0${i}`, name: `LSOA ${i}` }, count: i, rate: i }),
    );
    const chart = resultChart(result({ shape: 'areas', figures }), 'lsoa', 'Tower Hamlets', '2025')!;
    expect(chart.title).toContain('(30 highest of 40)');
    expect(chart.table.rows).toHaveLength(30);
    expect(chart.table.rows[0]![0]).toBe('LSOA 39');
  });

  it('no figures, no chart', () => {
    expect(resultChart(result({ shape: 'areas', figures: [] }), 'ward', 'Tower Hamlets', '2025')).toBeNull();
  });
});
