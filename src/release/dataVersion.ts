import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * A short string that changes whenever the data behind any figure changes:
 * a new import (highest batch id) or an undo (number of live batches).
 * Cache keys carry it, so cached figures and charts die with their data.
 */
export async function dataVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('import_batch')
    .select([
      sql<string>`coalesce(max(id), 0)::text`.as('latest'),
      sql<string>`count(*) filter (where status = 'imported')::text`.as('live'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.latest}.${row.live}`;
}
