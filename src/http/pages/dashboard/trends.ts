import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { resolveArea } from '../../../analysis/areas.ts';
import { AnalysisError, type AnalysisResult, type Figure } from '../../../analysis/figure.ts';
import type { AnalysisRequestInput } from '../../../analysis/request.ts';
import { formatSeriesRate, lineChart, type LinePoint, type SpcLimits } from '../../../charts/lineChart.ts';
import { formatCount, formatRate } from '../../../charts/svg.ts';
import { analyseFor } from '../../../dashboard/analyseFor.ts';
import { dataVersion } from '../../../dashboard/dataVersion.ts';
import { accessKey, sourceIdNamed } from '../../../dashboard/sourceAccess.ts';
import { addMonths, formatMonth, monthIndex, monthsBetween } from '../../../domain/periods/month.ts';
import { parsePeriod, PeriodParseError } from '../../../domain/periods/parsePeriod.ts';
import { monthRange, periodLength, rolling12Months, singleMonth, type Period } from '../../../domain/periods/period.ts';
import { recentTrend, standardErrorFromLimits, type RecentTrend } from '../../../domain/stats/recentTrend.ts';
import { xmrChart } from '../../../domain/stats/spc.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { DashboardQuery, hrefWith } from './dashboardQuery.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { filterForm, filterOptions } from './filterOptions.ts';
import { dashboardRequest } from './sections.ts';
import { attempt, type Outcome } from './attempt.ts';
import { cachedPage, pageView } from './cachedPage.ts';

const STEPS = ['month', 'quarter', 'financial-year'] as const;
type Step = (typeof STEPS)[number];
const WORDS: Record<Step, { link: string; axis: string; plural: string; by: string }> = {
  month: { link: 'Monthly', axis: 'Month', plural: 'months', by: 'by month' },
  quarter: { link: 'Quarterly', axis: 'Quarter (financial year)', plural: 'quarters', by: 'by quarter' },
  'financial-year': { link: 'Financial years', axis: 'Financial year (April to March)', plural: 'financial years', by: 'by financial year' },
};
export const DEFAULT_TREND_DEFINITION = 'knife-crime-with-injury';

const blank = z.literal('').transform(() => undefined);
export const TrendsQuery = DashboardQuery.extend({
  by: z.enum(STEPS).optional().or(blank),
  compareArea: z.string().trim().min(1).max(120).optional().or(blank),
});

/** 36 months to the latest month; for financial years, the last ten (the latest may be part of a year). */
function defaultPeriod(step: Step, latest: string): string {
  const [y, m] = latest.split('-').map(Number) as [number, number];
  const start = step === 'financial-year' ? `${(m >= 4 ? y : y - 1) - 9}-04` : addMonths(latest, -35);
  return monthRange(start, latest).label;
}

const readPeriod = (field: string, label: string): Period => {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodParseError) throw new HttpError(400, 'VALIDATION', `${field}: ${error.message}`);
    throw error;
  }
};

/** The months a series point covers: its label is a month (YYYY-MM), a quarter or a financial year. */
const periodOfPoint = (key: string): Period => (/^\d{4}-\d{2}$/.test(key) ? singleMonth(key) : parsePeriod(key));
const overlaps = (a: Period, b: Period) => monthIndex(a.start) <= monthIndex(b.end) && monthIndex(b.start) <= monthIndex(a.end);

interface EngineSpc { centre: number; lowerLimit: number; upperLimit: number; flags: string[] }
const spcOf = (f: Figure): EngineSpc | null => {
  const s = f.spc as Partial<EngineSpc> | null | undefined;
  return s && typeof s.centre === 'number' && typeof s.lowerLimit === 'number' && typeof s.upperLimit === 'number' && Array.isArray(s.flags) ? (s as EngineSpc) : null;
};

/** One series point: plotted only with a whole period of data (a part period or a gap would look like a fall). */
interface Point { key: string; label: string; figure: Figure; plotted: boolean; missing: string }
function pointsOf(result: AnalysisResult, step: Step): Point[] {
  return result.figures.map((figure) => {
    const key = figure.group[step === 'financial-year' ? 'financialYear' : step] ?? '';
    const label = step === 'month' ? formatMonth(key) : key;
    const missing = figure.suppressed === true ? 'suppressed (small count)' : figure.extractDate === null ? 'no data' : typeof figure.partial === 'string' ? `part period (${figure.partial}): ${formatCount(figure.count)}, not plotted` : '';
    return { key, label, figure, plotted: missing === '' && figure.count !== null, missing: missing || 'no data' };
  });
}

/**
 * A quarter or year whose months are not all held would be drawn as a fall:
 * the month series (same request) says which months hold data, and such a
 * bucket is left out of the chart with the reason.
 */
function markGaps(points: Point[], months: Outcome<AnalysisResult>, chartPeriod: Period): void {
  if (!months.ok) return;
  const held = new Set(months.value.figures.filter((f) => f.extractDate !== null).map((f) => f.group.month));
  for (const p of points) {
    if (!p.plotted) continue;
    const bucket = periodOfPoint(p.key);
    const wanted = monthsBetween(bucket.start, bucket.end).filter((m) => monthIndex(m) >= monthIndex(chartPeriod.start) && monthIndex(m) <= monthIndex(chartPeriod.end));
    const have = wanted.filter((m) => held.has(m)).length;
    if (have < wanted.length) Object.assign(p, { plotted: false, missing: `data for ${have} of ${wanted.length} months: ${formatCount(p.figure.count)}, not plotted` });
  }
}


/** SPC limits and flags: the engine's when every point is plotted, else worked out again over the plotted points only. */
function controlChart(points: Point[]): { spc: SpcLimits | null; flags: Map<string, string[]>; recomputed: boolean } {
  const plotted = points.filter((p) => p.plotted);
  const engine = points.map((p) => spcOf(p.figure));
  if (plotted.length === points.length && engine.every((s) => s !== null) && engine[0]) {
    return { spc: engine[0], flags: new Map(points.map((p, i) => [p.key, engine[i]!.flags])), recomputed: false };
  }
  if (plotted.length < 2) return { spc: null, flags: new Map(), recomputed: true };
  const chart = xmrChart(plotted.map((p) => p.figure.count as number));
  return { spc: chart, flags: new Map(plotted.map((p, i) => [p.key, chart.points[i]!.flags])), recomputed: true };
}

function trendOf(points: Point[], recomputed: boolean): RecentTrend | null {
  const last = points[points.length - 1]?.figure.recentTrend as RecentTrend | undefined;
  if (!recomputed && last && typeof last.calculated === 'boolean') return last;
  const usable = points.filter((p) => p.plotted && p.figure.rate !== null && p.figure.lower !== null && p.figure.upper !== null && (p.figure.upper as number) > (p.figure.lower as number));
  return recentTrend(usable.map((p) => ({ value: p.figure.rate as number, standardError: standardErrorFromLimits(p.figure.lower as number, p.figure.upper as number) })), 'no polarity');
}

function trendSentence(trend: RecentTrend | null, step: Step): string {
  if (!trend) return 'The recent-trend test needs rates, and this series has none.';
  if (!trend.calculated) return `The recent-trend test was not run: ${trend.reason}.`;
  if (trend.direction === 'no significant change') return `Over the last 5 ${WORDS[step].plural} there is no statistically significant trend in the rate (recent-trend test at the 99.8% level).`;
  return `Over the last 5 ${WORDS[step].plural} the rate is ${trend.direction} significantly (recent-trend test at the 99.8% level). A change in recorded crime is not rated better or worse.`;
}

function signalSentence(points: Point[], flags: Map<string, string[]>): string {
  const plotted = points.filter((p) => p.plotted);
  const byFlag = new Map<string, string[]>();
  for (const p of plotted) for (const f of flags.get(p.key) ?? []) byFlag.set(f, [...(byFlag.get(f) ?? []), p.label]);
  const flagged = plotted.filter((p) => (flags.get(p.key) ?? []).length > 0).length;
  if (flagged === 0) return `None of the ${plotted.length} plotted points shows a special cause signal: the variation is what this series usually shows.`;
  const list = [...byFlag].map(([flag, labels]) => `${flag} (${labels.length <= 6 ? labels.join(', ') : `${labels.length} points from ${labels[0]} to ${labels[labels.length - 1]}`})`);
  return `${flagged} of ${plotted.length} plotted points show a special cause signal: ${list.join('; ')}.`;
}

export function trendsRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/dashboard/trends', cachedPage(services, async (request) => {
      const page = await dashboardRequest(services, request, TrendsQuery);
      const { query, actor } = page;
      const step: Step = query.by ?? 'month';
      const definitions = await services.definitions();
      const definitionId = query.category ? undefined : (query.definition ?? DEFAULT_TREND_DEFINITION);
      if (definitionId && !definitions.some((d) => d.id === definitionId)) {
        throw new HttpError(400, 'VALIDATION', `definition: there is no definition called "${definitionId}"; choose one of ${[...new Set(definitions.map((d) => d.id))].join(', ')}, or give a category`);
      }
      const period = query.period ?? defaultPeriod(step, page.filters.latestMonth);
      const chartPeriod = readPeriod('period', period);
      const baseline = query.baseline ? readPeriod('baseline', query.baseline) : null;
      let compareArea = null;
      if (query.compareArea) {
        try {
          compareArea = await resolveArea(services.db, query.compareArea);
        } catch (error) {
          if (error instanceof AnalysisError) throw new HttpError(400, 'VALIDATION', `compareArea: ${error.message}`);
          throw error;
        }
      }
      const what = query.category ? { category: query.category } : { definition: definitionId as string };
      const input: AnalysisRequestInput = { ...what, area: page.filters.area.code, period, by: step, ...(query.source ? { source: query.source } : {}) };
      const main = await attempt(() => analyseFor(services, actor, input));
      const filters = { ...page.filters, period };
      const keep = { area: query.area, period: query.period, compare: query.compare, baseline: query.baseline, definition: query.definition, category: query.category, source: query.source, compareArea: query.compareArea };
      const common = {
        title: 'Trends',
        filters,
        filterForm: await filterForm(services, filters, query, '/dashboard/trends'),
        areaGroups: (await filterOptions(services)).areaGroups,
        definitionOptions: [...new Map(definitions.map((d) => [d.id, d.name]))].map(([value, text]) => ({ value, text, selected: value === definitionId })),
        step,
        stepLinks: STEPS.map((s) => ({ text: WORDS[s].link, href: hrefWith('/dashboard/trends', keep, { by: s === 'month' ? undefined : s }), current: s === step })),
      };
      if (!main.ok) {
        return pageView('pages/dashboard/trends.njk', page.context('/dashboard/trends', { ...common, problem: main.message }), main.code === 'INVALID' ? 400 : 200);
      }
      const result = main.value;
      const sourceId = sourceIdNamed(result.vintage.source);
      const points = pointsOf(result, step);
      if (step !== 'month') markGaps(points, await attempt(() => analyseFor(services, actor, { ...input, by: 'month' })), chartPeriod);
      const results: AnalysisResult[] = [result];

      // A comparison area is drawn as rates per 1,000, so areas of different size compare.
      let comparison: { name: string; points: Point[] } | null = null;
      let comparisonProblem: string | null = null;
      if (compareArea) {
        const other = await attempt(() => analyseFor(services, actor, { ...input, area: compareArea.code }));
        if (!other.ok) comparisonProblem = `${compareArea.name} cannot be compared: ${other.message}`;
        else if (!points.some((p) => p.figure.rate !== null)) comparisonProblem = `${compareArea.name} cannot be compared: there is no population for ${page.filters.area.name}, so no rates`;
        else {
          results.push(other.value);
          comparison = { name: compareArea.name, points: pointsOf(other.value, step) };
        }
      }
      const useRates = comparison !== null;

      const control = controlChart(points);
      const denominators = new Set(points.filter((p) => p.plotted).map((p) => p.figure.denominator));
      const denominator = points.find((p) => p.plotted)?.figure.denominator ?? null;
      // Limits are on counts; with one population throughout, a rate is the count × 1,000 / population, so they scale.
      const scale = useRates ? (denominators.size === 1 && denominator ? 1000 / denominator : null) : 1;
      const spc = control.spc && scale !== null ? { centre: control.spc.centre * scale, lowerLimit: control.spc.lowerLimit * scale, upperLimit: control.spc.upperLimit * scale } : null;
      const toLine = (p: Point, flagged: boolean): LinePoint => ({
        label: p.label,
        value: p.plotted ? (useRates ? p.figure.rate : p.figure.count) : null,
        missing: p.missing,
        ...(flagged ? { flags: control.flags.get(p.key) ?? [] } : {}),
      });

      let baselineText: string | null = null;
      let band = null;
      if (baseline) {
        const inside = points.filter((p) => overlaps(periodOfPoint(p.key), baseline));
        if (inside.length > 0) band = { from: inside[0]!.label, to: inside[inside.length - 1]!.label, label: `Baseline ${baseline.label}` };
        const latest12 = rolling12Months(chartPeriod.end);
        const change = await attempt(() => analyseFor(services, actor, { ...what, area: page.filters.area.code, period: latest12.label, baseline: baseline.label, ...(sourceId ? { source: sourceId } : {}) }));
        baselineText = change.ok ? baselineSentence(change.value.figures[0], latest12, baseline) : `The baseline cannot be compared: ${change.message}`;
      }

      const measure = useRates ? 'Rate per 1,000 residents' : capitalise(result.definition.counts);
      const title = `${result.definition.name}, ${page.filters.area.name}${comparison ? ` and ${comparison.name}` : ''}, ${WORDS[step].by}`;
      const format = useRates ? formatSeriesRate : formatCount;
      const plotted = points.filter((p) => p.plotted);
      const values = plotted.map((p) => (useRates ? p.figure.rate : p.figure.count) as number);
      const high = plotted[values.indexOf(Math.max(...values))];
      const low = plotted[values.indexOf(Math.min(...values))];
      const description = plotted.length === 0 ? `No whole ${WORDS[step].axis.toLowerCase()} of data in ${chartPeriod.label}.`
        : `${measure} ${WORDS[step].by}, ${chartPeriod.label}: ${format(values[0])} in ${plotted[0]!.label} and ${format(values[values.length - 1])} in ${plotted[plotted.length - 1]!.label}; highest ${format(Math.max(...values))} in ${high!.label}, lowest ${format(Math.min(...values))} in ${low!.label}.`
          + (spc ? ` Average ${formatSeriesRate(spc.centre)}, control limits ${formatSeriesRate(Math.max(0, spc.lowerLimit))} to ${formatSeriesRate(spc.upperLimit)}.` : '')
          + (comparison ? ` Dashed line: ${comparison.name}.` : '');
      const chartKey = `${await dataVersion(services.db)}|${accessKey(actor)}|trends|${JSON.stringify([input, query.compareArea, query.baseline])}`;
      const chart = JSON.parse(await services.chartCache.getOrCompute(chartKey, async () => JSON.stringify(lineChart({
        id: 'trend-chart', title, description, xLabel: WORDS[step].axis, yLabel: measure, valueFormat: useRates ? 'rate' : 'count', spc, band,
        series: [
          { name: page.filters.area.name, points: points.map((p) => toLine(p, true)) },
          ...(comparison ? [{ name: comparison.name, points: comparison.points.map((p) => toLine(p, false)) }] : []),
        ],
      }))));

      const left = points.filter((p) => !p.plotted).map((p) => p.label);
      const notes = dataNotesFrom(results, definitions, {
        methods: [
          'Control limits: XmR chart on the counts (centre = mean, limits = mean ± 2.66 × mean moving range); signals: a point outside the limits, 7 in a row on one side of the mean, 7 rising or falling, 2 of 3 beyond two-thirds of the way to a limit.',
          'Recent trend: over the last 5 points, weighted regression of the rate on time (weights 1/SE²), significant when (slope/SE)² > 9.5495 (99.8%).',
        ],
        caveats: left.length > 0 ? [`Left out of the chart${control.recomputed ? ' and the control limits' : ''} (part periods, periods with no data or suppressed counts): ${left.join(', ')}.`] : [],
      });
      return pageView('pages/dashboard/trends.njk', page.context('/dashboard/trends', {
        ...common, chart, signals: spc || !useRates ? signalSentence(points, control.flags) : null, trend: trendSentence(trendOf(points, control.recomputed), step),
        baselineText, comparisonProblem, counting: result.definition.name, notes, synthetic: results.some((r) => r.vintage.synthetic),
      }));
    }));
  };
}

/** The change against the baseline as averages per month, so periods of different length compare. */
function baselineSentence(figure: Figure | undefined, latest: Period, baseline: Period): string {
  const before = figure?.baseline as { count?: number | null } | undefined;
  if (!figure || figure.count === null || before?.count == null) return `The baseline ${baseline.label} cannot be compared: a count is suppressed or missing.`;
  const nowPerMonth = figure.count / periodLength(latest);
  const thenPerMonth = before.count / periodLength(baseline);
  if (thenPerMonth === 0) return `Nothing was counted in the baseline ${baseline.label} (or no data is held for it), so there is no percentage change.`;
  const pct = ((nowPerMonth - thenPerMonth) / thenPerMonth) * 100;
  return `In the ${latest.label} there were ${formatRate(nowPerMonth)} a month on average (${formatCount(figure.count)} in all), against ${formatRate(thenPerMonth)} a month in the baseline ${baseline.label} (${formatCount(before.count)} in all): ${pct >= 0 ? 'an increase' : 'a fall'} of ${Math.abs(pct).toFixed(1)}%.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
