import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { lineChart, type LinePoint } from '../../../charts/lineChart.ts';
import { parseQuarter, reportingPeriods } from '../../../domain/performance/indicatorPeriods.ts';
import { xmrChart } from '../../../domain/stats/spc.ts';
import { describeSource, describeTarget, describeUnit } from '../../../performance/describeIndicator.ts';
import { acceptedValues, valueHistory } from '../../../performance/returns/returnQueries.ts';
import { versionBodies } from '../../../performance/returns/returnStore.ts';
import { indicatorVersions } from '../../../performance/store/indicatorStore.ts';
import { canEditIndicators, canSeeReturn } from '../../../performance/store/performancePolicy.ts';
import { indicatorSeries } from '../../../performance/values/indicatorSeries.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith } from '../../guards.ts';
import { requirePerformanceReader } from './performanceReader.ts';
import { agencyWords, formatValue } from './performanceWords.ts';
import { quarterChoices } from './quarters.ts';
import { panelIndicatorCounts } from './panelSources.ts';
import { readerRegisterCounts } from './registerSources.ts';

export const IndicatorParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) });

const PERIOD_WORDS: Record<string, string> = {
  'financial-year': 'financial year (April to March)',
  'october-september': 'October to September year (SA in the chart)',
  quarter: 'quarter',
  'rolling-12-months': 'rolling 12 months (R12 in the chart)',
};

/** How many periods the indicator page plots: enough for SPC limits to mean something. */
const PERIODS_PLOTTED = 8;

/** Who changed each version, by user id (the versions store the id; people read the email). */
async function emails(services: Services, ids: readonly (number | null)[]) {
  const wanted = ids.filter((i): i is number => i !== null);
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await services.db.selectFrom('app_user').select(['id', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** The indicator page: its definition in words, its versions, its series with SPC and every value it was given. */
export function indicatorRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/performance/indicators/:id', async (request, reply) => {
      const actor = requirePerformanceReader(request);
      const { id } = parseWith(IndicatorParams, request.params);
      const { themes } = await services.indicatorSet();
      const versions = await indicatorVersions(services.db, id);
      const latest = versions.at(-1)?.indicator;
      if (latest === undefined) throw notFound('Indicator');
      const who = await emails(
        services,
        versions.map((v) => v.changedBy),
      );
      const { latest: quarter } = await quarterChoices(services.db, services.now());
      const periods = reportingPeriods(latest.periodType, parseQuarter(quarter).end, PERIODS_PLOTTED);
      const cells = await indicatorSeries(
        {
          analyse: readerReportAnalyser(services, actor, 'internal', request.ip),
          countRegister: await readerRegisterCounts(services, actor),
          countPanel: panelIndicatorCounts(services),
          area: services.config.partnershipArea,
          accepted: await acceptedValues(services.db, [id]),
          versions: await versionBodies(services.db),
        },
        latest,
        periods,
      );
      const judged = cells.filter((c) => c.point !== null && !c.point.partial);
      // SPC over the whole periods only: a part period would look like a special cause.
      const spc = judged.length >= 2 ? xmrChart(judged.map((c) => c.point?.value ?? 0)) : null;
      const flags = new Map(judged.map((c, i) => [c.periodId, spc?.points[i]?.flags ?? []]));
      // The x axis uses the periods' short ids ('SA 2014/15'): their labels ('Oct 2014–Sep 2015') overlap there.
      const points: LinePoint[] = cells.map((c) => ({
        label: c.periodId,
        value: c.point?.value ?? null,
        flags: flags.get(c.periodId) ?? [],
        missing: c.missing ?? undefined,
      }));
      const target = latest.target.kind === 'value' ? latest.target.value : null;
      const chart = lineChart({
        id: `indicator-${id}`,
        title: `${latest.name}, last ${cells.length} periods`,
        description:
          `${latest.name} (${describeUnit(latest.unit)}): ` +
          cells
            .map((c) => `${c.periodLabel} ${c.point ? formatValue(c.point.value, latest.unit) : c.missing}`)
            .join('; ') +
          (target === null ? '. No target line.' : `. Target ${formatValue(target, latest.unit)}.`) +
          (spc
            ? ` SPC centre ${spc.centre.toFixed(2)}, limits ${spc.lowerLimit.toFixed(2)} to ${spc.upperLimit.toFixed(2)}.`
            : ''),
        xLabel: 'Period',
        yLabel: describeUnit(latest.unit),
        series: [
          { name: latest.name, points },
          ...(target === null
            ? []
            : [{ name: 'Target', points: cells.map((c) => ({ label: c.periodId, value: target })) }]),
        ],
        spc: spc && { centre: spc.centre, lowerLimit: spc.lowerLimit, upperLimit: spc.upperLimit },
        valueFormat: latest.unit.kind === 'count' ? 'count' : 'rate',
      });
      // Values awaiting a check are not figures yet: only the agency and the checkers see them.
      const seesAll = canSeeReturn(actor, latest.leadAgency);
      const values = (await valueHistory(services.db, id)).filter((v) => seesAll || v.status === 'accepted');
      return reply.view('pages/performance/indicator.njk', {
        title: latest.name,
        indicator: latest,
        theme: themes.find((t) => t.id === latest.theme)?.name ?? latest.theme,
        words: {
          unit: describeUnit(latest.unit),
          source: describeSource(latest.source),
          target: describeTarget(latest.target),
          tolerance: latest.target.kind === 'none' ? '' : latest.target.tolerance.text,
          leadAgency: agencyWords(latest.leadAgency),
          polarity: latest.polarity.replaceAll('-', ' '),
          periodType: PERIOD_WORDS[latest.periodType],
        },
        versions: versions
          .map((v) => ({ ...v, by: v.changedBy === null ? 'indicator files' : (who.get(v.changedBy) ?? 'unknown') }))
          .reverse(),
        chart,
        spc,
        values: values.map((v) => ({ ...v, text: formatValue(v.value, latest.unit) })),
        mayEdit: canEditIndicators(actor),
        mayLinkReturns: seesAll,
      });
    });
  };
}
