import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { preparedQuery } from '../../../db/preparedQuery.ts';
import type { DB } from '../../../db/schema.ts';
import { deliveryVersionColumns, readDeliveryVersion } from '../../../delivery/deliveryVersion.ts';
import { performanceVersionColumns, readPerformanceVersion } from '../../../performance/store/performanceVersion.ts';
import { readRegisterVersion, registerVersionColumns } from '../../../registers/counts/registerVersion.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';

/**
 * deliveryVersion, performanceVersion, registerVersion and panelFactsVersion joined by '|', asked in one
 * statement (every cached view asks them, so four round trips were most of a cached view's cost). Each part reads
 * exactly as its own function does; personalPageKey.test.ts holds them equal. The panel facts' two figures are
 * written out here (src/panels/counts/panelCountPort.ts is not this module's to change): "panel-facts:<n>:<last>".
 * Prepared (src/db/preparedQuery.ts): PostgreSQL's log showed it planned afresh on every view at about 6 ms, against
 * 0.4 ms to run it (bench/delivery), so it is planned once per connection instead.
 */
const versionsQuery = preparedQuery(
  (db) =>
    db.selectNoFrom([
      ...deliveryVersionColumns('d'),
      ...performanceVersionColumns('p'),
      ...registerVersionColumns('r'),
      sql<string>`(SELECT count(*) FROM panel_fact)::text`.as('panel_n'),
      sql<string>`(SELECT coalesce(max(id), 0) FROM panel_fact)::text`.as('panel_last'),
    ]),
  [],
);

export async function personalVersions(db: Kysely<DB>): Promise<string> {
  const [row] = (await versionsQuery(db, {})) as Record<string, unknown>[];
  if (!row) throw new Error('personal versions: the query gave no row');
  return [
    readDeliveryVersion(row, 'd'),
    readPerformanceVersion(row, 'p'),
    // Indicators computed from a register move with its entries (issue 20).
    readRegisterVersion(row, 'r'),
    // And indicators computed from the anonymous panel counts with each new fact (issue 21).
    `panel-facts:${row.panel_n}:${row.panel_last}`,
  ].join('|');
}

/**
 * The page cache's extra key for delivery pages written for one person (their actions; a thread whose restricted
 * boards' decisions they may or may not read): any change to plans, meetings or lineage, any accepted return
 * (indicators' movement), any register change (indicators computed from a register), any new panel fact, the day
 * (overdue) and who is reading. The data version is in every key already.
 */
export const personalPageKey = (services: Services) => async (request: FastifyRequest) =>
  [await personalVersions(services.db), services.now().toISOString().slice(0, 10), `u${requireActor(request).id}`].join(
    '|',
  );
