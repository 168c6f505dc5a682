import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { lastDayOf, monthToDate } from '../../domain/periods/month.ts';
import type { CountPanel } from '../../performance/values/panelValue.ts';
import { PANEL_MEASURE_IDS, PANEL_MEASURES, type PanelMeasure } from './panelMeasures.ts';
import { panelCounts } from './panelCounts.ts';

/**
 * The performance framework's port onto the panel counts: a period's value of a measure as released (small counts
 * suppressed). The facts are anonymous, so it is the same for every reader; pages, the API and the pack pass it
 * as `countPanel` beside `countRegister`.
 */
export function panelCountPort(db: Kysely<DB>, now: Date): CountPanel {
  return async (measure, panel, period) => {
    if (!PANEL_MEASURE_IDS.includes(measure as PanelMeasure)) throw new RangeError(`no panel measure "${measure}"`);
    const counts = await panelCounts(db, {
      measure: measure as PanelMeasure,
      from: monthToDate(period.start),
      to: lastDayOf(period.end),
      period: 'none',
      by: 'none',
      panel,
      suppress: true,
    });
    const cell = counts.cells[0];
    return {
      value: cell === undefined ? 0 : cell.value,
      withheld: cell?.suppressed ?? false,
      numerator: cell?.numerator ?? null,
      denominator: cell?.denominator ?? null,
      measureLabel: PANEL_MEASURES[measure as PanelMeasure].label,
      partial: lastDayOf(period.end) >= now.toISOString().slice(0, 10),
    };
  };
}

/** What a cached page's panel-sourced values depend on: facts are only ever added, so their number and last id. */
export async function panelFactsVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('panel_fact')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(max(id), 0)`.as('last')])
    .executeTakeFirstOrThrow();
  return `panel-facts:${row.n}:${row.last}`;
}
