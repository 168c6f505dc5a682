import type { FastifyInstance } from 'fastify';
import type { Figure } from '../../../analysis/figure.ts';
import { SOURCES, type AnalysisRequestInput } from '../../../analysis/request.ts';
import { SOURCE_INFO } from '../../../analysis/sources.ts';
import { columnChart } from '../../../charts/columnChart.ts';
import { hourWeekday, hourWeekdayMap, SUPPRESSED } from '../../../figureViews/hourWeekday.ts';
import { formatCount, formatPercent } from '../../../charts/svg.ts';
import { analyseFor } from '../../../release/analyseFor.ts';
import { dataVersion } from '../../../release/dataVersion.ts';
import { accessKey, sourceIdNamed } from '../../../release/sourceAccess.ts';
import { formatMonth } from '../../../domain/periods/month.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { filterForm } from './filterOptions.ts';
import { dashboardRequest } from './sections.ts';
import { attempt } from './attempt.ts';
import { cachedPage, pageView } from './cachedPage.ts';

export const DEFAULT_TIME_DEFINITION = 'serious-violence-duty-tower-hamlets';
const windowShare = (figures: Figure[], window: string) => figures.find((f) => f.group.window?.startsWith(window));

export function timeRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get(
      '/dashboard/time',
      cachedPage(services, async (request) => {
        const page = await dashboardRequest(services, request);
        const { query, actor, filters } = page;
        const definitions = await services.definitions();
        const definitionId = query.category ? undefined : (query.definition ?? DEFAULT_TIME_DEFINITION);
        if (definitionId && !definitions.some((d) => d.id === definitionId)) {
          throw new HttpError(
            400,
            'VALIDATION',
            `definition: there is no definition called "${definitionId}"; choose one of ${[...new Set(definitions.map((d) => d.id))].join(', ')}, or give a category`,
          );
        }
        const what = query.category ? { category: query.category } : { definition: definitionId as string };
        const base: AnalysisRequestInput = {
          ...what,
          area: filters.area.code,
          period: filters.period,
          ...(query.source ? { source: query.source } : {}),
        };
        const common = {
          title: 'Time',
          filterForm: await filterForm(services, filters, query, '/dashboard/time'),
          definitionOptions: [...new Map(definitions.map((d) => [d.id, d.name]))].map(([value, text]) => ({
            value,
            text,
            selected: value === definitionId,
          })),
          sourceOptions: SOURCES.map((id) => ({
            value: id,
            text: SOURCE_INFO[id].name,
            selected: id === query.source,
          })),
        };
        const grid = await attempt(() => analyseFor(services, actor, { ...base, by: 'hour-weekday' }));
        if (!grid.ok) {
          const asked = query.source ? SOURCE_INFO[query.source] : null;
          // Only partner police records carry a time of day; published counts and police.uk give the month alone.
          const problem =
            asked && asked.id !== 'partner-police'
              ? `times of day are not held in ${asked.name}: only partner police records carry them (${grid.message})`
              : grid.message;
          return pageView(
            'pages/dashboard/time.njk',
            page.context('/dashboard/time', { ...common, problem }),
            grid.code === 'INVALID' ? 400 : 200,
          );
        }
        const sourceId = sourceIdNamed(grid.value.vintage.source);
        const same = { ...base, ...(sourceId ? { source: sourceId } : {}) };
        const [total, months, window] = await Promise.all([
          attempt(() => analyseFor(services, actor, { ...same, by: 'none' })),
          attempt(() => analyseFor(services, actor, { ...same, by: 'month' })),
          attempt(() => analyseFor(services, actor, { ...same, by: 'after-school' })),
        ]);
        const counts = grid.value.definition.counts;
        const { cells, noTime } = hourWeekday(grid.value);
        const periodCount = total.ok ? (total.value.figures[0]?.count ?? null) : null;
        const withTime = cells.every((c) => c.value !== null)
          ? cells.reduce((a, c) => a + (c.value as number), 0)
          : null;

        const key = `${await dataVersion(services.db)}|${accessKey(actor)}|time|${JSON.stringify(same)}`;
        const charts = JSON.parse(
          await services.chartCache.getOrCompute(key, async () =>
            JSON.stringify({
              heat: hourWeekdayMap(
                'time-heat-map',
                `${grid.value.definition.name} by hour and day of the week, ${filters.area.name}, ${filters.period}`,
                cells,
                noTime,
                counts,
              ),
              months: months.ok
                ? columnChart({
                    id: 'time-month-profile',
                    title: `${grid.value.definition.name} by month, ${filters.area.name}`,
                    xLabel: 'Month',
                    yLabel: capitalise(counts),
                    description: monthDescription(months.value.figures, counts),
                    bars: months.value.figures.map((f) => ({
                      label: formatMonth(f.group.month ?? ''),
                      value: f.extractDate === null ? null : f.count,
                      missing: f.suppressed === true ? SUPPRESSED : 'no data',
                    })),
                  })
                : null,
              window: window.ok
                ? columnChart({
                    id: 'time-after-school',
                    title: 'Share on weekdays 15:00 to 18:00, school term and holidays',
                    xLabel: 'Weekdays 15:00 to 17:59',
                    yLabel: `Share of all ${counts}`,
                    valueFormat: 'percent',
                    description: windowDescription(window.value.figures, counts),
                    bars: ['school-term', 'holiday'].map((w) => {
                      const f = windowShare(window.value.figures, w);
                      return {
                        label: w === 'holiday' ? 'School holiday weekdays' : 'School-term weekdays',
                        value: f?.rate ?? null,
                        lower: f?.lower ?? null,
                        upper: f?.upper ?? null,
                        missing: f?.suppressed === true ? SUPPRESSED : 'no data',
                      };
                    }),
                  })
                : null,
            }),
          ),
        );
        const results = [grid, total, months, window].flatMap((o) => (o.ok ? [o.value] : []));
        const problems = [total, months, window].flatMap((o) => (o.ok ? [] : [o.message]));
        const notes = dataNotesFrom(results, definitions, {
          methods: [
            'Time of day and weekday come from the offence date and time on each record; the after-school window is 15:00 to 17:59 on weekdays, split by the school calendar into term and holiday days.',
          ],
          cannotTell: [
            'When an offence was reported rather than committed: recorded times are often estimates (e.g. midnight or the hour) when the victim is unsure.',
          ],
        });
        return pageView(
          'pages/dashboard/time.njk',
          page.context('/dashboard/time', {
            ...common,
            charts,
            counts,
            periodCount: text(periodCount),
            withTime: text(withTime),
            noTime: text(noTime),
            problems,
            notes,
            synthetic: results.some((r) => r.vintage.synthetic),
            definitionName: grid.value.definition.name,
            sourceName: grid.value.vintage.source,
          }),
        );
      }),
    );
  };
}

function monthDescription(figures: Figure[], counts: string): string {
  const held = figures.filter((f) => f.count !== null && f.extractDate !== null);
  if (held.length === 0) return `No months with ${counts}.`;
  const top = held.reduce((a, f) => ((f.count as number) > (a.count as number) ? f : a));
  const low = held.reduce((a, f) => ((f.count as number) < (a.count as number) ? f : a));
  return `${capitalise(counts)} in each month: highest ${formatCount(top.count)} in ${formatMonth(top.group.month ?? '')}, lowest ${formatCount(low.count)} in ${formatMonth(low.group.month ?? '')}.`;
}

function windowDescription(figures: Figure[], counts: string): string {
  const term = windowShare(figures, 'school-term');
  const holiday = windowShare(figures, 'holiday');
  return `${formatPercent(term?.rate)} of all ${counts} were on school-term weekdays between 15:00 and 18:00 (${formatCount(term?.count)}), and ${formatPercent(holiday?.rate)} on school-holiday weekdays at the same time (${formatCount(holiday?.count)}).`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const text = (n: number | null) => (n === null ? null : formatCount(n));
