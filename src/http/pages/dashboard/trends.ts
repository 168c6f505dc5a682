import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { resolveArea } from '../../../analysis/areas.ts';
import { AnalysisError } from '../../../analysis/figure.ts';
import { type AnalysisResult, figuresOf } from '../../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../../analysis/request.ts';
import { formatSeriesRate, lineChart, type LinePoint } from '../../../charts/lineChart.ts';
import { formatCount } from '../../../charts/svg.ts';
import { analyseFor } from '../../../release/analyseFor.ts';
import { dataVersion } from '../../../release/dataVersion.ts';
import { accessKey, sourceIdNamed } from '../../../release/sourceAccess.ts';
import { addMonths } from '../../../domain/periods/month.ts';
import { parsePeriod, PeriodParseError } from '../../../domain/periods/parsePeriod.ts';
import { monthRange, rolling12Months, type Period } from '../../../domain/periods/period.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { DashboardQuery, hrefWith } from './dashboardQuery.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { filterForm, filterOptions } from './filterOptions.ts';
import { dashboardRequest } from './sections.ts';
import { attempt } from './attempt.ts';
import { cachedPage, pageView } from './cachedPage.ts';
import {
  baselineSentence,
  capitalise,
  controlChart,
  markGaps,
  overlaps,
  periodOfPoint,
  pointsOf,
  signalSentence,
  STEPS,
  trendOf,
  trendSentence,
  WORDS,
  type Point,
  type Step,
} from './trends/trendSeries.ts';

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

export function trendsRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get(
      '/dashboard/trends',
      cachedPage(services, async (request) => {
        const page = await dashboardRequest(services, request, TrendsQuery);
        const { query, actor } = page;
        const step: Step = query.by ?? 'month';
        const definitions = await services.definitions();
        const definitionId = query.category ? undefined : (query.definition ?? DEFAULT_TREND_DEFINITION);
        if (definitionId && !definitions.some((d) => d.id === definitionId)) {
          throw new HttpError(
            400,
            'VALIDATION',
            `definition: there is no definition called "${definitionId}"; choose one of ${[...new Set(definitions.map((d) => d.id))].join(', ')}, or give a category`,
          );
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
        const input: AnalysisRequestInput = {
          ...what,
          area: page.filters.area.code,
          period,
          by: step,
          ...(query.source ? { source: query.source } : {}),
        };
        const main = await attempt(() => analyseFor(services, actor, input));
        const filters = { ...page.filters, period };
        const keep = {
          area: query.area,
          period: query.period,
          compare: query.compare,
          baseline: query.baseline,
          definition: query.definition,
          category: query.category,
          source: query.source,
          compareArea: query.compareArea,
        };
        const common = {
          title: 'Trends',
          filters,
          filterForm: await filterForm(services, filters, query, '/dashboard/trends'),
          areaGroups: (await filterOptions(services)).areaGroups,
          definitionOptions: [...new Map(definitions.map((d) => [d.id, d.name]))].map(([value, text]) => ({
            value,
            text,
            selected: value === definitionId,
          })),
          step,
          stepLinks: STEPS.map((s) => ({
            text: WORDS[s].link,
            href: hrefWith('/dashboard/trends', keep, { by: s === 'month' ? undefined : s }),
            current: s === step,
          })),
        };
        if (!main.ok) {
          return pageView(
            'pages/dashboard/trends.njk',
            page.context('/dashboard/trends', { ...common, problem: main.message }),
            main.code === 'INVALID' ? 400 : 200,
          );
        }
        const result = main.value;
        const sourceId = sourceIdNamed(result.vintage.source);
        const points = pointsOf(result, step);
        if (step !== 'month')
          markGaps(points, await attempt(() => analyseFor(services, actor, { ...input, by: 'month' })), chartPeriod);
        const results: AnalysisResult[] = [result];

        // A comparison area is drawn as rates per 1,000, so areas of different size compare.
        let comparison: { name: string; points: Point[] } | null = null;
        let comparisonProblem: string | null = null;
        if (compareArea) {
          const other = await attempt(() => analyseFor(services, actor, { ...input, area: compareArea.code }));
          if (!other.ok) comparisonProblem = `${compareArea.name} cannot be compared: ${other.message}`;
          else if (!points.some((p) => p.figure.rate !== null))
            comparisonProblem = `${compareArea.name} cannot be compared: there is no population for ${page.filters.area.name}, so no rates`;
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
        const spc =
          control.spc && scale !== null
            ? {
                centre: control.spc.centre * scale,
                lowerLimit: control.spc.lowerLimit * scale,
                upperLimit: control.spc.upperLimit * scale,
              }
            : null;
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
          if (inside.length > 0)
            band = {
              from: inside[0]!.label,
              to: inside[inside.length - 1]!.label,
              label: `Baseline ${baseline.label}`,
            };
          const latest12 = rolling12Months(chartPeriod.end);
          const change = await attempt(() =>
            analyseFor(services, actor, {
              ...what,
              area: page.filters.area.code,
              period: latest12.label,
              baseline: baseline.label,
              ...(sourceId ? { source: sourceId } : {}),
            }),
          );
          baselineText = change.ok
            ? baselineSentence(figuresOf(change.value, 'headline')[0], latest12, baseline)
            : `The baseline cannot be compared: ${change.message}`;
        }

        const measure = useRates ? 'Rate per 1,000 residents' : capitalise(result.definition.counts);
        const title = `${result.definition.name}, ${page.filters.area.name}${comparison ? ` and ${comparison.name}` : ''}, ${WORDS[step].by}`;
        const format = useRates ? formatSeriesRate : formatCount;
        const plotted = points.filter((p) => p.plotted);
        const values = plotted.map((p) => (useRates ? p.figure.rate : p.figure.count) as number);
        const high = plotted[values.indexOf(Math.max(...values))];
        const low = plotted[values.indexOf(Math.min(...values))];
        const description =
          plotted.length === 0
            ? `No whole ${WORDS[step].axis.toLowerCase()} of data in ${chartPeriod.label}.`
            : `${measure} ${WORDS[step].by}, ${chartPeriod.label}: ${format(values[0])} in ${plotted[0]!.label} and ${format(values[values.length - 1])} in ${plotted[plotted.length - 1]!.label}; highest ${format(Math.max(...values))} in ${high!.label}, lowest ${format(Math.min(...values))} in ${low!.label}.` +
              (spc
                ? ` Average ${formatSeriesRate(spc.centre)}, control limits ${formatSeriesRate(Math.max(0, spc.lowerLimit))} to ${formatSeriesRate(spc.upperLimit)}.`
                : '') +
              (comparison ? ` Dashed line: ${comparison.name}.` : '');
        const chartKey = `${await dataVersion(services.db)}|${accessKey(actor)}|trends|${JSON.stringify([input, query.compareArea, query.baseline])}`;
        const chart = JSON.parse(
          await services.chartCache.getOrCompute(chartKey, async () =>
            JSON.stringify(
              lineChart({
                id: 'trend-chart',
                title,
                description,
                xLabel: WORDS[step].axis,
                yLabel: measure,
                valueFormat: useRates ? 'rate' : 'count',
                spc,
                band,
                series: [
                  { name: page.filters.area.name, points: points.map((p) => toLine(p, true)) },
                  ...(comparison
                    ? [{ name: comparison.name, points: comparison.points.map((p) => toLine(p, false)) }]
                    : []),
                ],
              }),
            ),
          ),
        );

        const left = points.filter((p) => !p.plotted).map((p) => p.label);
        const notes = dataNotesFrom(results, definitions, {
          methods: [
            'Control limits: XmR chart on the counts (centre = mean, limits = mean ± 2.66 × mean moving range); signals: a point outside the limits, 7 in a row on one side of the mean, 7 rising or falling, 2 of 3 beyond two-thirds of the way to a limit.',
            'Recent trend: over the last 5 points, weighted regression of the rate on time (weights 1/SE²), significant when (slope/SE)² > 9.5495 (99.8%).',
          ],
          caveats:
            left.length > 0
              ? [
                  `Left out of the chart${control.recomputed ? ' and the control limits' : ''} (part periods, periods with no data or suppressed counts): ${left.join(', ')}.`,
                ]
              : [],
        });
        return pageView(
          'pages/dashboard/trends.njk',
          page.context('/dashboard/trends', {
            ...common,
            chart,
            signals: spc || !useRates ? signalSentence(points, control.flags) : null,
            trend: trendSentence(trendOf(points, control.recomputed), step),
            baselineText,
            comparisonProblem,
            counting: result.definition.name,
            notes,
            synthetic: results.some((r) => r.vintage.synthetic),
          }),
        );
      }),
    );
  };
}
