import { type AnalysisResult, figuresOf } from '../../../../analysis/analysisResult.ts';
import type { HeadlineFigure, SeriesFigure, SeriesSpc } from '../../../../analysis/figureShapes.ts';
import { formatCount, formatRate } from '../../../../charts/svg.ts';
import type { SpcLimits } from '../../../../charts/lineChart.ts';
import { formatMonth, monthIndex, monthsBetween } from '../../../../domain/periods/month.ts';
import { parsePeriod } from '../../../../domain/periods/parsePeriod.ts';
import { periodLength, singleMonth, type Period } from '../../../../domain/periods/period.ts';
import { recentTrend, standardErrorFromLimits, type RecentTrend } from '../../../../domain/stats/recentTrend.ts';
import { xmrChart } from '../../../../domain/stats/spc.ts';
import type { Outcome } from '../attempt.ts';

/**
 * The trends page's series: which points can be plotted (whole periods only),
 * SPC limits and signals over them, the recent-trend test, and the sentences
 * that say what they show. Pure: the route (../trends.ts) fetches the figures.
 */
export const STEPS = ['month', 'quarter', 'financial-year'] as const;
export type Step = (typeof STEPS)[number];
export const WORDS: Record<Step, { link: string; axis: string; plural: string; by: string }> = {
  month: { link: 'Monthly', axis: 'Month', plural: 'months', by: 'by month' },
  quarter: { link: 'Quarterly', axis: 'Quarter (financial year)', plural: 'quarters', by: 'by quarter' },
  'financial-year': {
    link: 'Financial years',
    axis: 'Financial year (April to March)',
    plural: 'financial years',
    by: 'by financial year',
  },
};
/** The months a series point covers: its label is a month (YYYY-MM), a quarter or a financial year. */
export const periodOfPoint = (key: string): Period => (/^\d{4}-\d{2}$/.test(key) ? singleMonth(key) : parsePeriod(key));
export const overlaps = (a: Period, b: Period) =>
  monthIndex(a.start) <= monthIndex(b.end) && monthIndex(b.start) <= monthIndex(a.end);

const spcOf = (f: SeriesFigure): SeriesSpc | null => f.spc ?? null;

/** One series point: plotted only with a whole period of data (a part period or a gap would look like a fall). */
export interface Point {
  key: string;
  label: string;
  figure: SeriesFigure;
  plotted: boolean;
  missing: string;
}
export function pointsOf(result: AnalysisResult, step: Step): Point[] {
  return figuresOf(result, 'series').map((figure) => {
    const key = figure.group[step === 'financial-year' ? 'financialYear' : step] ?? '';
    const label = step === 'month' ? formatMonth(key) : key;
    const missing =
      figure.suppressed === true
        ? 'suppressed (small count)'
        : figure.extractDate === null
          ? 'no data'
          : typeof figure.partial === 'string'
            ? `part period (${figure.partial}): ${formatCount(figure.count)}, not plotted`
            : '';
    return { key, label, figure, plotted: missing === '' && figure.count !== null, missing: missing || 'no data' };
  });
}

/**
 * A quarter or year whose months are not all held would be drawn as a fall:
 * the month series (same request) says which months hold data, and such a
 * bucket is left out of the chart with the reason.
 */
export function markGaps(points: Point[], months: Outcome<AnalysisResult>, chartPeriod: Period): void {
  if (!months.ok) return;
  const held = new Set(months.value.figures.filter((f) => f.extractDate !== null).map((f) => f.group.month));
  for (const p of points) {
    if (!p.plotted) continue;
    const bucket = periodOfPoint(p.key);
    const wanted = monthsBetween(bucket.start, bucket.end).filter(
      (m) => monthIndex(m) >= monthIndex(chartPeriod.start) && monthIndex(m) <= monthIndex(chartPeriod.end),
    );
    const have = wanted.filter((m) => held.has(m)).length;
    if (have < wanted.length)
      Object.assign(p, {
        plotted: false,
        missing: `data for ${have} of ${wanted.length} months: ${formatCount(p.figure.count)}, not plotted`,
      });
  }
}

/** SPC limits and flags: the engine's when every point is plotted, else worked out again over the plotted points only. */
export function controlChart(points: Point[]): {
  spc: SpcLimits | null;
  flags: Map<string, string[]>;
  recomputed: boolean;
} {
  const plotted = points.filter((p) => p.plotted);
  const engine = points.map((p) => spcOf(p.figure));
  if (plotted.length === points.length && engine.every((s) => s !== null) && engine[0]) {
    return { spc: engine[0], flags: new Map(points.map((p, i) => [p.key, engine[i]!.flags])), recomputed: false };
  }
  if (plotted.length < 2) return { spc: null, flags: new Map(), recomputed: true };
  const chart = xmrChart(plotted.map((p) => p.figure.count as number));
  return { spc: chart, flags: new Map(plotted.map((p, i) => [p.key, chart.points[i]!.flags])), recomputed: true };
}

export function trendOf(points: Point[], recomputed: boolean): RecentTrend | null {
  const last = points[points.length - 1]?.figure.recentTrend;
  if (!recomputed && last) return last;
  const usable = points.filter(
    (p) =>
      p.plotted &&
      p.figure.rate !== null &&
      p.figure.lower !== null &&
      p.figure.upper !== null &&
      (p.figure.upper as number) > (p.figure.lower as number),
  );
  return recentTrend(
    usable.map((p) => ({
      value: p.figure.rate as number,
      standardError: standardErrorFromLimits(p.figure.lower as number, p.figure.upper as number),
    })),
    'no polarity',
  );
}

export function trendSentence(trend: RecentTrend | null, step: Step): string {
  if (!trend) return 'The recent-trend test needs rates, and this series has none.';
  if (!trend.calculated) return `The recent-trend test was not run: ${trend.reason}.`;
  if (trend.direction === 'no significant change')
    return `Over the last 5 ${WORDS[step].plural} there is no statistically significant trend in the rate (recent-trend test at the 99.8% level).`;
  return `Over the last 5 ${WORDS[step].plural} the rate is ${trend.direction} significantly (recent-trend test at the 99.8% level). A change in recorded crime is not rated better or worse.`;
}

export function signalSentence(points: Point[], flags: Map<string, string[]>): string {
  const plotted = points.filter((p) => p.plotted);
  const byFlag = new Map<string, string[]>();
  for (const p of plotted) for (const f of flags.get(p.key) ?? []) byFlag.set(f, [...(byFlag.get(f) ?? []), p.label]);
  const flagged = plotted.filter((p) => (flags.get(p.key) ?? []).length > 0).length;
  if (flagged === 0)
    return `None of the ${plotted.length} plotted points shows a special cause signal: the variation is what this series usually shows.`;
  const list = [...byFlag].map(
    ([flag, labels]) =>
      `${flag} (${labels.length <= 6 ? labels.join(', ') : `${labels.length} points from ${labels[0]} to ${labels[labels.length - 1]}`})`,
  );
  return `${flagged} of ${plotted.length} plotted points show a special cause signal: ${list.join('; ')}.`;
}

/** The change against the baseline as averages per month, so periods of different length compare. */
export function baselineSentence(figure: HeadlineFigure | undefined, latest: Period, baseline: Period): string {
  const before = figure?.baseline;
  if (!figure || figure.count === null || before?.count == null)
    return `The baseline ${baseline.label} cannot be compared: a count is suppressed or missing.`;
  const nowPerMonth = figure.count / periodLength(latest);
  const thenPerMonth = before.count / periodLength(baseline);
  if (thenPerMonth === 0)
    return `Nothing was counted in the baseline ${baseline.label} (or no data is held for it), so there is no percentage change.`;
  const pct = ((nowPerMonth - thenPerMonth) / thenPerMonth) * 100;
  return `In the ${latest.label} there were ${formatRate(nowPerMonth)} a month on average (${formatCount(figure.count)} in all), against ${formatRate(thenPerMonth)} a month in the baseline ${baseline.label} (${formatCount(before.count)} in all): ${pct >= 0 ? 'an increase' : 'a fall'} of ${Math.abs(pct).toFixed(1)}%.`;
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
