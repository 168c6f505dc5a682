import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * A short string that changes whenever anything a scorecard shows changes outside the imported data: a value
 * entered, a return's status moved, an indicator version added. All three tables are append-only (migration
 * 0019), so their highest ids and the version count say it; cache keys carry it beside the data version.
 */
export async function performanceVersion(db: Kysely<DB>): Promise<string> {
  const row = await db.selectNoFrom(performanceVersionColumns()).executeTakeFirstOrThrow();
  return readPerformanceVersion(row);
}

/** performanceVersion's columns (`${prefix}values` …), for a query that asks several versions at once. */
export const performanceVersionColumns = (prefix = '') => [
  sql<string>`(SELECT coalesce(max(id), 0) FROM return_value)::text`.as(`${prefix}values`),
  sql<string>`(SELECT coalesce(max(id), 0) FROM return_event)::text`.as(`${prefix}events`),
  sql<string>`(SELECT count(*) FROM indicator_version)::text`.as(`${prefix}versions`),
];
export const readPerformanceVersion = (row: Record<string, unknown>, prefix = ''): string =>
  `${row[`${prefix}values`]}.${row[`${prefix}events`]}.${row[`${prefix}versions`]}`;
