import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { copyRowsPg } from './copy.ts';
import { PREPARED_MARK, preparedName } from './preparedQuery.ts';
import { copyBinarySql, type Database } from './database.ts';
import { openDataFolder, type OwnerRule } from './embedded/openDataFolder.ts';
import { openPgliteHere } from './embedded/pglite.ts';

export type { CopyBinary, Database } from './database.ts';

/**
 * Opens Safer's database: PGlite embedded in a data folder, or a PostgreSQL server. Everything above
 * this module speaks Kysely and never needs to know which. A data folder is locked by the process that
 * opens it; another process then works through that one (src/db/embedded/), unless `owner` is
 * 'required' (a server must own its folder).
 */
export async function createDatabase(
  config: Config['database'],
  options: { owner?: OwnerRule } = {},
): Promise<Database> {
  if (config.kind === 'postgres') return openPostgres(config.url);
  if (config.dataDir === 'memory://') return openPgliteHere(config.dataDir);
  return openDataFolder(config.dataDir, options.owner ?? 'share');
}

/**
 * A connection that runs a statement marked by preparedQuery (src/db/preparedQuery.ts) as a named prepared
 * statement, so the server plans it once per connection; every other statement as Kysely sends it.
 */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values, ...rest] = args;
    if (typeof text === 'string' && text.startsWith(PREPARED_MARK))
      return (super.query as (...a: unknown[]) => never)({ name: preparedName(text), text, values }, ...rest);
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

async function openPostgres(url: string): Promise<Database> {
  // int8 (bigint) and numeric come back as strings by default; counts and ids
  // here stay well inside Number.MAX_SAFE_INTEGER.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', as on PGlite below
  // jit off: PostgreSQL compiles a statement to machine code once its estimated cost passes jit_above_cost, which the
  // figure queries over the demo's slices do; the compiling then took longer than the query (a London count: 10 ms
  // of JIT in 49 ms, 11 ms without), and a figure for one area went from 89 to 55 ms a request on average
  // (docs/performance.md). Set per connection so a server's own default is left alone for other clients, and added
  // to any options the URL gives (pg reads a URL's options over its config's).
  const pool = new pg.Pool({ ...withJitOff(url), max: 10, Client: PreparingClient });
  // An idle connection closed by the server (restart, failover, an administrator) makes the pool emit
  // 'error'; unhandled, that would crash the process. The pool drops the dead client and opens a new one
  // when next needed, so the right response is to carry on.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    bulkTransaction: async (work) => {
      const client = await pool.connect();
      // Kysely sees a pool of this one client; its release() must not hand the client back mid-transaction.
      const pinned = new Proxy(client, {
        get: (target, key) => (key === 'release' ? () => {} : Reflect.get(target, key, target)),
      });
      const single = { connect: async () => pinned, end: async () => {} };
      const trx = new Kysely<DB>({ dialect: new PostgresDialect({ pool: single as unknown as pg.Pool }) });
      try {
        await client.query('BEGIN');
        const result = await work(
          trx,
          (table, columns, rows) => copyRowsPg(client, table, columns, rows),
          async (table, columns, data) => {
            const stream = client.query(copyFrom(copyBinarySql(table, columns, 'STDIN')));
            stream.end(data);
            await finished(stream);
          },
        );
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
    },
  };
}

/** The connection with JIT turned off: added to a URL's own server options (`?options=…`), or given alone. */
export function withJitOff(url: string): { connectionString: string; options?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A keyword/value connection string: no URL options to keep.
    return { connectionString: url, options: '-c jit=off' };
  }
  const given = parsed.searchParams.get('options');
  parsed.searchParams.set('options', given ? `${given} -c jit=off` : '-c jit=off');
  return { connectionString: parsed.toString() };
}
