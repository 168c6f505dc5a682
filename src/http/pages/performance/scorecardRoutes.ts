import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeTarget, describeUnit } from '../../../performance/describeIndicator.ts';
import { isReturnChecker } from '../../../performance/store/performancePolicy.ts';
import { currentIndicators } from '../../../performance/store/indicatorStore.ts';
import { buildScorecard, type ScorecardRow } from '../../../performance/values/scorecard.ts';
import type { Actor } from '../../../auth/policy.ts';
import { performanceVersion } from '../../../performance/store/performanceVersion.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import { cachedPage, pageView } from '../dashboard/cachedPage.ts';
import type { Services } from '../../../services.ts';
import { periodSparkline } from './periodSparkline.ts';
import { requirePerformanceReader } from './performanceReader.ts';
import { agencyWords, directionWords, formatValue, statisticalTag, targetTag } from './performanceWords.ts';
import { quarterChoices, readQuarter } from './quarters.ts';
import { panelIndicatorCounts, panelValuesKey } from './panelSources.ts';
import { readerRegisterCounts, registerValuesKey } from './registerSources.ts';

/** Empty select values mean "any"; anything unreadable is ignored rather than refused (a filter link is harmless). */
const Choice = z
  .string()
  .trim()
  .max(80)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));
const ScorecardQuery = z.object({ quarter: Choice, theme: Choice, subgroup: Choice, leadAgency: Choice, rag: Choice });

const RAG_CHOICES = [
  'green',
  'amber',
  'red',
  'no target',
  'not comparable',
  'significantly better',
  'no significant difference',
  'significantly worse',
];

const select = (values: readonly string[], chosen: string | undefined, words = (v: string) => v) => [
  { value: '', text: 'Any' },
  ...values.map((v) => ({ value: v, text: words(v), selected: v === chosen })),
];

function rowView(r: ScorecardRow) {
  const unit = r.indicator.unit;
  const cells = r.cells.map((c) => ({
    label: c.periodLabel,
    text: c.point ? formatValue(c.point.value, unit) : c.missing,
    synthetic: c.point?.synthetic ?? false,
    partial: c.point?.partial ?? false,
  }));
  return {
    id: r.indicator.id,
    name: r.indicator.name,
    leadAgency: agencyWords(r.indicator.leadAgency),
    subgroup: r.indicator.subgroup,
    unit: describeUnit(unit),
    target: describeTarget(r.indicator.target),
    cells,
    ...directionWords(r.assessment.direction, unit),
    targetTag: targetTag(r.assessment.target),
    statisticalTag: statisticalTag(r.assessment.statistical),
    exception: r.exception,
    commentary: r.commentary,
    sparkline: periodSparkline(
      `spark-${r.indicator.id}`,
      r.indicator.name,
      r.cells.map((c) => ({ label: c.periodLabel, value: c.point?.value ?? null })),
      unit,
    ),
  };
}

/** What the scorecard page shows for one reader scope and query; built on a cache miss only. */
async function scorecardContext(services: Services, actor: Actor, q: z.infer<typeof ScorecardQuery>, ip: string) {
  const { themes } = await services.indicatorSet();
  const { quarters, latest } = await quarterChoices(services.db, services.now());
  const quarter = (q.quarter && readQuarter(q.quarter)) || latest;
  const indicators = (await currentIndicators(services.db)).map((s) => s.indicator);
  const card = await buildScorecard(services.db, readerReportAnalyser(services, actor, 'internal', ip), {
    countRegister: await readerRegisterCounts(services, actor),
    countPanel: panelIndicatorCounts(services),
    quarter,
    area: services.config.partnershipArea,
    themes,
    filter: { theme: q.theme, subgroup: q.subgroup, leadAgency: q.leadAgency, rag: q.rag },
    today: services.now().toISOString().slice(0, 10),
  });
  const sections = card.themes.map((t) => ({ theme: t.theme, rows: t.rows.map(rowView) }));
  const exceptions = sections.flatMap((s) => s.rows.filter((r) => r.exception));
  const distinct = (f: (i: (typeof indicators)[number]) => string) => [...new Set(indicators.map(f))].sort();
  return {
    title: `Performance scorecard, ${card.quarter}`,
    quarter: card.quarter,
    filters: {
      quarter: quarters.map((v) => ({ value: v, text: v, selected: v === card.quarter })),
      theme: [
        { value: '', text: 'Any' },
        ...themes.map((t) => ({ value: t.id, text: t.name, selected: t.id === q.theme })),
      ],
      subgroup: select(
        distinct((i) => i.subgroup),
        q.subgroup,
      ),
      leadAgency: select(
        distinct((i) => i.leadAgency),
        q.leadAgency,
        agencyWords,
      ),
      rag: select(RAG_CHOICES, q.rag, (v) => v.charAt(0).toUpperCase() + v.slice(1)),
    },
    filtered: Boolean(q.theme || q.subgroup || q.leadAgency || q.rag),
    sections,
    rowCount: sections.reduce((n, s) => n + s.rows.length, 0),
    exceptions,
    showReturns: isReturnChecker(actor),
    mayExport: mayExportFigures(actor),
    lateReturns: card.returns.filter((r) => r.late),
  };
}

/** The scorecard by theme, filtered by a GET form (works without JavaScript; the filters are in the address). */
export function scorecardRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    // The page follows from the data, the partner returns, the reader's access scope (role and agency), the day (late
    // flags) and the address: rendered once and shared by every reader with the same scope, the reads of
    // aggregate-only sources replayed into the audit log for each reader, as the dashboard's pages are.
    app.get(
      '/performance',
      cachedPage(
        services,
        async (request) => {
          const actor = requirePerformanceReader(request);
          const q = ScorecardQuery.parse(request.query ?? {});
          return pageView('pages/performance/scorecard.njk', await scorecardContext(services, actor, q, request.ip));
        },
        {
          // Indicators computed from a register move with its entries, which change without a data import.
          alsoDependsOn: async (request) =>
            `${await performanceVersion(services.db)}|${services.now().toISOString().slice(0, 10)}|${await registerValuesKey(services, requirePerformanceReader(request))}|${await panelValuesKey(services)}`,
        },
      ),
    );
  };
}
