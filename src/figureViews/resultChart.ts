import type { Figure } from '../analysis/figure.ts';
import type { AnalysisResult } from '../analysis/analysisResult.ts';
import type { Dimension } from '../analysis/request.ts';
import { barChart, type BarDatum } from '../charts/barChart.ts';
import type { Chart } from '../charts/chart.ts';
import { lineChart } from '../charts/lineChart.ts';
import { formatCount, formatPercent, formatRate } from '../charts/svg.ts';
import { byLabel, TIME_DIMENSIONS } from './dimensionLabels.ts';

/** A bar chart with more bars than this shows the highest ones; the table and downloads keep every row. */
export const MAX_BARS = 30;

/** How a figure is named on a chart: the place name when it has one (the headline's area), else its group values. */
export const figureLabel = (f: Figure): string => f.group.name ?? f.group.area ?? Object.values(f.group).join(' ');

const isShare = (f: Figure) => f.multiplier === null && f.rate !== null && /share|proportion/i.test(f.method);

/**
 * A result's chart, as the Explorer and report figure blocks draw it: a line over time for month, quarter and financial
 * year (counts, with the series' SPC limits), bars for everything else (the
 * rate with its interval when there is one, else the count). A suppressed
 * figure is a gap or an empty bar labelled "suppressed", never a zero.
 */
export function resultChart(
  result: AnalysisResult,
  by: Dimension,
  place: string,
  period: string,
  id = `explorer-${by}`,
): Chart | null {
  const figures: readonly Figure[] = result.figures;
  if (figures.length === 0) return null;
  const what = result.definition.name;
  if (TIME_DIMENSIONS.has(by) && result.shape === 'series') {
    const points = result.figures.map((f) => ({
      label: figureLabel(f),
      value: f.count,
      flags: f.spc?.flags ?? [],
      missing: f.suppressed === true ? 'suppressed' : 'no data',
    }));
    const spc = result.figures.map((f) => f.spc).find((s) => s != null);
    const shown = points.filter((p) => p.value !== null) as { label: string; value: number }[];
    const high = shown.reduce<{ label: string; value: number } | null>(
      (m, p) => (m === null || p.value > m.value ? p : m),
      null,
    );
    const last = shown[shown.length - 1];
    return lineChart({
      id,
      title: `${what} by ${byLabel(by).toLowerCase()}, ${place}, ${period}`,
      description: `${what} in ${place}, ${period}: ${shown.length} of ${points.length} ${byLabel(by).toLowerCase()} values shown${last ? `, the latest (${last.label}) ${formatCount(last.value)}` : ''}${high ? `, the highest ${formatCount(high.value)} in ${high.label}` : ''}${spc ? `; SPC centre line ${formatCount(Math.round(spc.centre))}` : ''}.`,
      xLabel: byLabel(by),
      yLabel: `${result.definition.counts} (count)`,
      series: [{ name: what, points }],
      spc: spc ?? null,
      valueFormat: 'count',
    });
  }
  const useRate = figures.some((f) => f.rate !== null && f.rate !== undefined);
  const share = useRate && figures.every((f) => f.rate === null || isShare(f));
  const multiplier = figures.find((f) => f.multiplier !== null)?.multiplier ?? null;
  const bars: BarDatum[] = figures.map((f) => {
    const value = useRate ? f.rate : f.count;
    return {
      label: figureLabel(f),
      value,
      lower: useRate ? f.lower : null,
      upper: useRate ? f.upper : null,
      ...(f.suppressed === true ? { valueText: 'suppressed' } : {}),
    };
  });
  if (by === 'none' && result.shape === 'headline') {
    // The headline beside its benchmarks (parent area, London).
    for (const b of result.figures[0]?.benchmarks ?? [])
      if (typeof b.rate === 'number' && useRate) bars.push({ label: b.area, value: b.rate });
  }
  const ranked =
    bars.length > MAX_BARS
      ? [...bars].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)).slice(0, MAX_BARS)
      : bars;
  const format = share
    ? (n: number) => formatPercent(n)
    : useRate
      ? (n: number) => formatRate(n)
      : (n: number) => formatCount(n);
  const measure = share ? 'share of the total' : useRate ? `rate per ${formatCount(multiplier ?? 1)}` : 'count';
  const top = ranked
    .filter((b) => b.value !== null)
    .slice(0, 3)
    .map((b) => `${b.label} ${format(b.value as number)}`);
  return barChart({
    id,
    title: `${what}${by === 'none' ? '' : ` by ${byLabel(by).toLowerCase()}`}, ${place}, ${period}${bars.length > MAX_BARS ? ` (${MAX_BARS} highest of ${bars.length})` : ''}`,
    description: `${what}, ${measure}, ${place}, ${period}${bars.length > MAX_BARS ? `, the ${MAX_BARS} highest of ${bars.length}` : ''}: ${top.length > 0 ? top.join('; ') : 'no values to show'}${ranked.length > 3 ? '; the table has every value' : ''}.`,
    bars: ranked,
    format,
    categoryHeading: byLabel(by),
    valueHeading: measure.charAt(0).toUpperCase() + measure.slice(1),
  });
}
