import type { FastifyInstance } from 'fastify';
import { type AnalysisResult, figuresOf } from '../../../analysis/analysisResult.ts';
import type { HeadlineFigure } from '../../../analysis/figureShapes.ts';
import { sparkline } from '../../../charts/sparkline.ts';
import type { Chart } from '../../../charts/chart.ts';
import { formatCount, formatRate } from '../../../charts/svg.ts';
import { dataVersion } from '../../../release/dataVersion.ts';
import { fetchHeadlineFigures, type HeadlineOutcome } from './headlineFigures.ts';
import { accessKey } from '../../../release/sourceAccess.ts';
import { formatPercentChange } from '../../../domain/change/change.ts';
import { headlineSentence, type BenchmarkDirection } from '../../../domain/narrative/headlineSentence.ts';
import { parsePeriod, PeriodParseError } from '../../../domain/periods/parsePeriod.ts';
import { samePeriodLastYear, type Period } from '../../../domain/periods/period.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { hrefWith } from './dashboardQuery.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { filterForm } from './filterOptions.ts';
import { dashboardRequest } from './sections.ts';
import { cachedPage, pageView } from './cachedPage.ts';
import { overviewCount } from '../../../registers/counts/overviewCount.ts';
import { registerPageKey } from '../../../registers/counts/registerVersion.ts';
import { requireActor } from '../../guards.ts';

/** A period from the query string, or a 400 that names the field and says what to write. */
function periodField(field: 'period' | 'compare', label: string): Period {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodParseError) throw new HttpError(400, 'VALIDATION', `${field}: ${error.message}`);
    throw error;
  }
}

interface LondonBenchmark {
  direction: BenchmarkDirection;
  rating: string;
  label: string;
  /** Null when London's own count is too small to release (disclosure control). */
  value: number | null;
  at998: string | null;
  note: string | null;
}

/** The London comparison from the headline figure's `benchmarks` array (the engine's Fingertips comparison). */
function londonBenchmark(figure: HeadlineFigure): LondonBenchmark | null {
  const b = figure.benchmarks?.find((x) => x.area === 'London');
  if (!b) return null;
  return {
    direction: b.at95.direction,
    rating: b.at95.rating,
    label: 'London',
    value: b.benchmarkValue,
    at998: b.at998?.direction ?? null,
    note: b.note ?? null,
  };
}

/** GOV.UK tag colours: better/worse only where the indicator has a polarity; otherwise shades that do not judge. */
const TAG: Record<string, string> = {
  better: 'govuk-tag--green',
  worse: 'govuk-tag--red',
  similar: 'govuk-tag--yellow',
  higher: 'govuk-tag--blue',
  lower: 'govuk-tag--light-blue',
  same: 'govuk-tag--grey',
};

/** Partner police extracts cover only some boroughs, so the engine's "London" from them is a few boroughs over London's population. */
const PARTNER_NO_BENCHMARK =
  'No London benchmark: partner police records are held only for some boroughs, so a London rate from them would be too low to compare with.';

function card(
  o: HeadlineOutcome,
  ctx: { area: string; period: string; compare: string; comparedWith: string | null; chart: Chart | null },
) {
  const what =
    'definition' in o.spec.what ? { definition: o.spec.what.definition } : { category: o.spec.what.category };
  const links = {
    explorer: hrefWith('/explorer', { ...what, area: ctx.area, period: ctx.period, compare: ctx.compare }),
    trends: hrefWith('/dashboard/trends', { ...what, area: ctx.area, period: ctx.period, compare: ctx.compare }),
  };
  const base = {
    key: o.spec.key,
    title: o.spec.title,
    links,
    sparkline: ctx.chart,
    sparklineNote:
      (o.error ? null : o.monthsError) ??
      (o.months?.warnings.filter((w) => !w.startsWith('SYNTHETIC') && !o.headline?.warnings.includes(w)).join(' ') ||
        null),
  };
  const figure = o.headline ? figuresOf(o.headline, 'headline')[0] : undefined;
  if (!o.headline || !figure) return { ...base, unavailable: o.error ?? 'the analysis returned no figure' };
  if (figure.count === null)
    return { ...base, unavailable: `no ${o.headline.definition.counts} are held for ${ctx.period}` };
  const partner = /partner/i.test(o.headline.vintage.source);
  const benchmark = partner ? null : londonBenchmark(figure);
  const stated = figure.compare ?? null;
  // A comparison period the source does not fully hold gives no change: a short year would read as a rise.
  const compare = stated && !stated.incomplete && stated.change !== null ? { ...stated, change: stated.change } : null;
  return {
    ...base,
    synthetic: o.headline.vintage.synthetic,
    counts: o.headline.definition.counts,
    count: formatCount(figure.count),
    rate: formatRate(figure.rate),
    interval:
      figure.lower !== null && figure.upper !== null
        ? `${formatRate(figure.lower)} to ${formatRate(figure.upper)}`
        : null,
    confidence: figure.confidence,
    method: figure.method,
    source: figure.source,
    change: compare
      ? {
          period: compare.period,
          previous: formatCount(compare.count),
          percent: formatPercentChange(compare.percentChange),
          count: `${compare.change > 0 ? '+' : compare.change < 0 ? '−' : ''}${formatCount(Math.abs(compare.change))}`,
        }
      : null,
    changeUnavailable:
      stated && !compare ? `No change is shown: ${stated.percentChangeText.replace(/^n\/a: /, '')}.` : null,
    benchmark: benchmark
      ? {
          text: `${benchmark.direction === 'similar' ? 'Similar to' : benchmark.direction === 'higher' ? 'Higher than' : 'Lower than'} London`,
          tag: TAG[
            benchmark.rating === 'not compared'
              ? benchmark.direction === 'similar'
                ? 'same'
                : benchmark.direction
              : benchmark.rating
          ],
          method:
            `Benchmark RAG (Fingertips method): London's rate, ${formatRate(benchmark.value)} per 1,000, compared with this area's ${figure.confidence ?? '95%'} confidence interval; "similar" when London's rate lies inside it.` +
            `${benchmark.at998 ? ` At 99.8%: ${benchmark.at998}.` : ''}${benchmark.note ? ' Not rated better or worse: more recorded crime can mean more reporting, so the indicator has no polarity.' : ''}`,
        }
      : null,
    noBenchmark: benchmark
      ? null
      : partner
        ? PARTNER_NO_BENCHMARK
        : 'No London benchmark could be made for this figure.',
    warnings: o.headline.warnings.filter((w) => !w.startsWith('SYNTHETIC')),
    sentence: headlineSentence({
      subject: o.spec.subject,
      count: figure.count,
      previousCount: compare?.count ?? null,
      comparedWith: ctx.comparedWith,
      benchmark: benchmark ? { direction: benchmark.direction, label: 'London' } : null,
    }),
  };
}

/** The sparkline for one figure, cached per data version, reader scope and query (the SVG is what repeat readers share). */
async function sparklineFor(services: Services, key: string, o: HeadlineOutcome): Promise<Chart | null> {
  if (!o.months || o.months.figures.length === 0) return null;
  const months = o.months;
  const json = await services.chartCache.getOrCompute(key, async () => {
    const series = figuresOf(months, 'series');
    const spc = series[0]?.spc;
    return JSON.stringify(
      sparkline({
        id: `sparkline-${o.spec.key}`,
        subject: o.spec.title,
        centre: spc?.centre ?? null,
        points: series.map((f) => ({
          month: String(f.group.month),
          count: f.count ?? 0,
          flags: f.spc?.flags ?? [],
        })),
      }),
    );
  });
  return JSON.parse(json) as Chart;
}

export function overviewRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get(
      '/dashboard',
      cachedPage(
        services,
        async (request) => {
          const page = await dashboardRequest(services, request);
          const period = periodField('period', page.filters.period);
          // The comparison is the same months a year before the chosen period, unless another is asked for.
          const compare = page.query.compare ? periodField('compare', page.query.compare) : samePeriodLastYear(period);
          const filters = { ...page.filters, period: period.label, compare: compare.label };
          const outcomes = await fetchHeadlineFigures(services, page.actor, {
            area: filters.area.code,
            period: period.label,
            compare: compare.label,
            endMonth: period.end,
          });
          const version = await dataVersion(services.db);
          const figures = await Promise.all(
            outcomes.map(async (o) =>
              card(o, {
                area: filters.area.code,
                period: period.label,
                compare: compare.label,
                comparedWith:
                  page.query.compare && compare.label !== samePeriodLastYear(period).label ? compare.label : null,
                chart: await sparklineFor(
                  services,
                  `sparkline|${version}|${accessKey(page.actor)}|${filters.area.code}|${o.monthsPeriod}|${o.spec.key}`,
                  o,
                ),
              }),
            ),
          );
          const results = outcomes
            .flatMap((o) => [o.headline, o.months])
            .filter((r): r is AnalysisResult => r !== null);
          const notes = dataNotesFrom(results, await services.definitions(), {
            methods: [
              `Sparklines show the 36 months ${outcomes[0]?.monthsPeriod ?? ''} by month with an XmR (SPC) chart: the dashed line is the mean; a purple ring marks a month that is part of a signal (outside mean ± 2.66 × mean moving range, a run of 7 on one side of the mean, a trend of 7, or 2 of 3 beyond two-thirds of the way to a limit).`,
            ],
            caveats: results.some((r) => /partner/i.test(r.vintage.source)) ? [PARTNER_NO_BENCHMARK] : [],
          });
          // The partnership's chosen register count (issue 20), for readers who may see it.
          const registerCount = await overviewCount(
            services.db,
            page.actor,
            await services.registers(),
            services.now(),
          );
          return pageView(
            'pages/dashboard/overview.njk',
            page.context('/dashboard', {
              title: `Overview: ${filters.area.name}`,
              filters,
              figures,
              nothingShown: figures.every((c) => 'unavailable' in c),
              synthetic: outcomes.some((o) => o.headline?.vintage.synthetic),
              notes,
              filterForm: await filterForm(services, filters, page.query, '/dashboard'),
              registerCount,
            }),
          );
        },
        {
          // Register entries change without an import, named readerships per person, and "this quarter" with the month.
          alsoDependsOn: async (request) =>
            `${await registerPageKey(services.db, requireActor(request), await services.registers())}|${services.now().toISOString().slice(0, 7)}`,
        },
      ),
    );
  };
}
