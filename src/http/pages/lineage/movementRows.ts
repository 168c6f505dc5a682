import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { parseQuarter } from '../../../domain/performance/indicatorPeriods.ts';
import { indicatorMovement } from '../../../lineage/indicatorMovement.ts';
import { acceptedValues } from '../../../performance/returns/returnQueries.ts';
import { versionBodies } from '../../../performance/returns/returnStore.ts';
import { currentIndicators, type StoredIndicator } from '../../../performance/store/indicatorStore.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import type { Services } from '../../../services.ts';
import { directionWords, formatValue } from '../performance/performanceWords.ts';
import { quarterChoices } from '../performance/quarters.ts';
import { panelIndicatorCounts } from '../performance/panelSources.ts';
import { readerRegisterCounts } from '../performance/registerSources.ts';

/*
 * The movement of the thread's indicators, as the indicator page reads their values: the quarter the performance
 * section is on, accepted returns, and computed values through the release layer for this reader (so access,
 * disclosure control and the audit of reads apply as on any page).
 */

export interface MovementRow {
  id: string;
  name: string;
  href: string;
  yearBefore: string;
  latest: string;
  difference: string;
  direction: string;
}

export async function movementRows(
  services: Services,
  request: FastifyRequest,
  actor: Actor,
  ids: readonly string[],
  /** The current indicators, when the page has read them already (after services.indicatorSet()). */
  current?: readonly StoredIndicator[],
): Promise<{ quarter: string; rows: MovementRow[] }> {
  if (ids.length === 0) return { quarter: '', rows: [] };
  if (current === undefined) await services.indicatorSet();
  const wanted = new Set(ids);
  const indicators = (current ?? (await currentIndicators(services.db)))
    .map((s) => s.indicator)
    .filter((i) => wanted.has(i.id));
  const { latest } = await quarterChoices(services.db, services.now());
  const sources = {
    analyse: readerReportAnalyser(services, actor, 'internal', request.ip),
    countRegister: await readerRegisterCounts(services, actor),
    countPanel: panelIndicatorCounts(services),
    area: services.config.partnershipArea,
    accepted: await acceptedValues(
      services.db,
      indicators.map((i) => i.id),
    ),
    versions: await versionBodies(services.db),
  };
  const quarter = parseQuarter(latest);
  const movements = await Promise.all(indicators.map((indicator) => indicatorMovement(sources, indicator, quarter)));
  const rows: MovementRow[] = [];
  for (const [i, indicator] of indicators.entries()) {
    const m = movements[i] as Awaited<ReturnType<typeof indicatorMovement>>;
    const shown = (v: { periodLabel: string; value: number | null; missing: string | null }) =>
      v.value === null
        ? // The engine's full reason names every source it tried; the first clause says enough in a table cell.
          `${v.periodLabel}: no value (${(v.missing ?? 'none').split(':')[0]})`
        : `${v.periodLabel}: ${formatValue(v.value, indicator.unit)}`;
    const words = directionWords(m.direction, indicator.unit);
    rows.push({
      id: indicator.id,
      name: indicator.name,
      href: `/performance/indicators/${encodeURIComponent(indicator.id)}`,
      yearBefore: shown(m.yearBefore),
      latest: shown(m.latest),
      difference: words.difference,
      direction: words.direction,
    });
  }
  return { quarter: latest, rows };
}
