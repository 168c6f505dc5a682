import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The data version read once for one request (or one analysis), shared by everything done inside it. */
interface VersionScope {
  db: Kysely<DB>;
  version: Promise<string> | null;
}

const scope = new AsyncLocalStorage<VersionScope>();

/** The data version straight from the database: highest batch id and number of live batches. */
async function readDataVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('import_batch')
    .select([
      sql<string>`coalesce(max(id), 0)::text`.as('latest'),
      sql<string>`count(*) filter (where status = 'imported')::text`.as('live'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.latest}.${row.live}`;
}

/**
 * A short string that changes whenever the data behind any figure changes:
 * a new import (highest batch id) or an undo (number of live batches).
 * Cache keys carry it, so cached figures and charts die with their data.
 * Inside withDataVersion for the same database it is read once for the whole
 * scope (a dashboard miss asked it about ten times); outside, on every call.
 */
export function dataVersion(db: Kysely<DB>): Promise<string> {
  const current = scope.getStore();
  if (current === undefined || current.db !== db) return readDataVersion(db);
  if (current.version === null) {
    const version = readDataVersion(db);
    current.version = version;
    // A failed read is not kept: the next caller in the scope asks again.
    version.catch(() => {
      if (current.version === version) current.version = null;
    });
  }
  return current.version;
}

/**
 * Runs `work` with the data version of `db` read at most once (on first use) for all of it: one request's page,
 * API answer or analysis. A scope for the same database already open is joined, not replaced. Nothing here may
 * import data: an import inside the scope would not change the version it sees.
 */
export function withDataVersion<T>(db: Kysely<DB>, work: () => Promise<T>): Promise<T> {
  const current = scope.getStore();
  if (current !== undefined && current.db === db) return work();
  return scope.run({ db, version: null }, work);
}

/** The version of the open scope for `db`, or null outside one (then nothing is remembered: see referenceMemo.ts). */
export function scopedDataVersion(db: Kysely<DB>): Promise<string> | null {
  const current = scope.getStore();
  return current === undefined || current.db !== db ? null : dataVersion(db);
}
