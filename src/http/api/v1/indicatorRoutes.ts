import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseQuarter, QuarterLabelError } from '../../../domain/performance/indicatorPeriods.ts';
import type { Period } from '../../../domain/periods/period.ts';
import { describeSource, describeTarget, describeUnit } from '../../../performance/describeIndicator.ts';
import { AgencyCode, type Indicator } from '../../../performance/indicatorSchema.ts';
import { acceptedValues } from '../../../performance/returns/returnQueries.ts';
import { currentIndicators, indicatorVersions } from '../../../performance/store/indicatorStore.ts';
import { scorecardRow } from '../../../performance/values/scorecard.ts';
import type { SeriesCell } from '../../../performance/values/valuePoint.ts';
import type { AnalysisRequestInput } from '../../../analysis/request.ts';
import { analyseFor } from '../../../release/analyseFor.ts';
import type { Services } from '../../../services.ts';
import { HttpError, notFound } from '../../errors.ts';
import { parseWith, requireToken } from '../../guards.ts';
import { panelIndicatorCounts } from '../../pages/performance/panelSources.ts';
import { readerRegisterCounts } from '../../pages/performance/registerSources.ts';

/*
 * GET /api/v1/indicators and /api/v1/indicators/{id}/values: the partnership's indicators and one indicator's
 * recent values with their assessment, as the scorecard shows them (same periods, same building blocks). Computed
 * values go through the release layer for the token holder, so access, disclosure control and audit apply.
 */

const IndicatorsQuery = z
  .object({ theme: z.string().trim().min(1).max(80).optional(), leadAgency: AgencyCode.optional() })
  .strict();
const IdParams = z.object({ id: z.string().max(80) });
const ValuesQuery = z
  .object({
    quarter: z
      .string({ error: 'give the quarter, e.g. 2025/26 Q3' })
      .trim()
      .min(1, 'give the quarter, e.g. 2025/26 Q3')
      .max(40),
  })
  .strict();

/** An indicator as the API gives it: the file's fields, with unit, target and source also in words. */
export function presentIndicator(i: Indicator) {
  return {
    id: i.id,
    version: i.version,
    name: i.name,
    theme: i.theme,
    leadAgency: i.leadAgency,
    subgroup: i.subgroup,
    unit: { ...i.unit, description: describeUnit(i.unit) },
    polarity: i.polarity,
    periodType: i.periodType,
    baseline: i.baseline ?? null,
    target: { ...i.target, description: describeTarget(i.target) },
    source: { ...i.source, description: describeSource(i.source) },
    citation: i.citation,
  };
}

/** One period's value, or null fields and the reason there is none. */
function presentCell(c: SeriesCell) {
  const p = c.point;
  return {
    periodId: c.periodId,
    periodLabel: c.periodLabel,
    value: p?.value ?? null,
    numerator: p?.numerator ?? null,
    denominator: p?.denominator ?? null,
    comparability: p?.comparability ?? null,
    partial: p?.partial ?? false,
    synthetic: p?.synthetic ?? false,
    origin: p?.origin ?? null,
    missing: c.missing,
  };
}

export function indicatorRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    /** The current version of every indicator, in the themes' order; files are synced first (once per process). */
    const current = async () => {
      const { themes } = await services.indicatorSet();
      const order = new Map(themes.map((t, n) => [t.id, t.order * 1000 + n]));
      const indicators = (await currentIndicators(services.db)).map((s) => s.indicator);
      indicators.sort((a, b) => (order.get(a.theme) ?? 0) - (order.get(b.theme) ?? 0) || a.id.localeCompare(b.id));
      return { themes, indicators };
    };

    app.get('/indicators', async (request) => {
      requireToken(request, 'read');
      const query = parseWith(IndicatorsQuery, request.query ?? {});
      const { themes, indicators } = await current();
      // An unknown theme is a mistake to name, not an empty list that looks like "no indicators".
      if (query.theme !== undefined && !themes.some((t) => t.id === query.theme))
        throw new HttpError(
          400,
          'VALIDATION',
          `theme: no theme "${query.theme}"; themes: ${themes.map((t) => t.id).join(', ')}`,
        );
      const kept = indicators.filter(
        (i) =>
          (query.theme === undefined || i.theme === query.theme) &&
          (query.leadAgency === undefined || i.leadAgency === query.leadAgency),
      );
      return { indicators: kept.map(presentIndicator) };
    });

    app.get('/indicators/:id/values', async (request) => {
      const actor = requireToken(request, 'read');
      const { id } = parseWith(IdParams, request.params);
      const query = parseWith(ValuesQuery, request.query ?? {});
      let quarter: Period;
      try {
        quarter = parseQuarter(query.quarter);
      } catch (error) {
        if (error instanceof QuarterLabelError) throw new HttpError(400, 'VALIDATION', `quarter: ${error.message}`);
        throw error;
      }
      await services.indicatorSet();
      // This indicator's versions only: its values name the version they were reported under, and reading (and
      // checking) every indicator's body on each request cost more than the rest of the answer (bench/performance).
      const versions = (await indicatorVersions(services.db, id)).map((s) => s.indicator);
      const indicator = versions.at(-1);
      if (indicator === undefined) throw notFound(`Indicator "${id}"`);
      const sources = {
        // 'api': every answer that draws on a source the token holder reads only in aggregate is audited.
        analyse: (input: AnalysisRequestInput) => analyseFor(services, actor, input, 'api', { ip: request.ip }),
        countRegister: await readerRegisterCounts(services, actor),
        countPanel: panelIndicatorCounts(services),
        area: services.config.partnershipArea,
        accepted: await acceptedValues(services.db, [indicator.id]),
        versions: new Map(versions.map((v) => [`${v.id}@${v.version}`, v])),
      };
      // The scorecard's own row for this indicator, so the API and the page cannot disagree.
      const { cells, baseline, assessment } = await scorecardRow(sources, indicator, quarter);
      return {
        quarter: quarter.label,
        area: services.config.partnershipArea,
        indicator: presentIndicator(indicator),
        values: cells.map(presentCell),
        baseline: baseline === null ? null : presentCell(baseline),
        assessment: {
          latestPeriod: assessment.latest?.periodLabel ?? null,
          previousPeriod: assessment.previous?.periodLabel ?? null,
          direction: assessment.direction,
          targetRag: assessment.target,
          statisticalRag: assessment.statistical,
        },
      };
    });
  };
}
