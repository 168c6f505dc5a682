import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PgliteDialect, type PgliteQueryable } from './pgliteDialect.ts';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { copyRowsPg, copyRowsPglite, pgliteFileCopy, type CopyRows } from './copy.ts';

/**
 * A connection to Safer's database: PGlite embedded in a data folder, or a
 * PostgreSQL server. Everything above this module speaks Kysely and never
 * needs to know which.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /**
   * Runs `work` in one transaction on one connection, giving it a Kysely bound
   * to that transaction and a COPY function on the same connection, so a bulk
   * load commits or rolls back whole with everything else the import wrote.
   */
  bulkTransaction<T>(work: (trx: Kysely<DB>, copy: CopyRows, copyBinary: CopyBinary) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Bulk-loads `data`, already in PostgreSQL's binary COPY format (signature,
 * rows, trailer), into `table` in the caller's transaction.
 */
export type CopyBinary = (table: string, columns: readonly string[], data: Uint8Array) => Promise<void>;

const IDENT = /^[a-z_][a-z0-9_]*$/;

function copyBinarySql(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENT.test(name)) throw new Error(`COPY refuses identifier ${JSON.stringify(name)}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT binary)`;
}

type PGliteTx = Parameters<Parameters<PGlite['transaction']>[0]>[0];

export async function createDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'pglite' ? openPglite(config.dataDir) : openPostgres(config.url);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  // Dates stay 'YYYY-MM-DD' strings on both engines (see openPostgres). shared_buffers 32 MB instead of
  // PGlite's 128 MB: the buffers live in the process's own memory, and a 50 MB police.uk import peaked at
  // ~610 MB RSS with 128 MB against ~480 MB with 32 MB, at the same speed (bench/ingest).
  // wal_init_zero off: PostgreSQL otherwise writes each new 16 MB WAL segment full of zeros before using it,
  // which on PGlite is the importing thread's own time: a 200 MB police.uk file wrote 304 MB of zeros besides
  // ~300 MB of WAL, and imported in 5.0 s instead of 5.7-6.0 s. The zeros only pre-allocate the file; WAL
  // records carry their own length and CRC, so recovery does not rely on them (PGlite runs with fsync off).
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', '-c', 'wal_init_zero=off'];
  const pglite = await PGlite.create(dataDir, { parsers: { 1082: (v: string) => v }, startParams });
  const db = new Kysely<DB>({ dialect: new PgliteDialect(yieldingPglite(pglite)) });
  const copyFile = pgliteFileCopy(pglite);
  return {
    kind: 'pglite',
    db,
    bulkTransaction: (work) =>
      pglite.transaction(async (tx) => {
        const trx = new Kysely<DB>({ dialect: new PgliteDialect(transactionAsPglite(tx)) });
        return work(
          trx,
          async (table, columns, rows) => {
            await turnOfEventLoop();
            return copyRowsPglite(copyFile, tx, table, columns, rows);
          },
          async (table, columns, data) => {
            await turnOfEventLoop();
            await copyFile(tx, (source) => copyBinarySql(table, columns, source), data);
          },
        );
      }),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * PGlite runs each statement synchronously on this thread and settles its
 * promise with microtasks only, so an unbroken run of statements (an import's
 * aggregate refresh) never lets timers or I/O in: HTTP requests, and a test
 * worker's messages to vitest (which time out after 60 s), would wait behind
 * it. One turn of the event loop before each statement keeps the process
 * responsive; it costs microseconds a statement.
 */
const turnOfEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function yieldingPglite(pglite: PGlite): PgliteQueryable {
  return {
    query: async (...args: Parameters<PGlite['query']>) => { await turnOfEventLoop(); return pglite.query(...args); },
    transaction: (work) => pglite.transaction(work),
  };
}

/** Lets Kysely's PGlite dialect run queries inside an already-open PGlite transaction. */
function transactionAsPglite(tx: PGliteTx): PgliteQueryable {
  return {
    query: async (...args: Parameters<PGliteTx['query']>) => { await turnOfEventLoop(); return tx.query(...args); },
    transaction: () => {
      throw new Error('nested transactions are not supported inside a bulk transaction');
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  // int8 (bigint) and numeric come back as strings by default; counts and ids
  // here stay well inside Number.MAX_SAFE_INTEGER.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', as on PGlite below
  const pool = new pg.Pool({ connectionString: url, max: 10 });
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
      const pinned = new Proxy(client, { get: (target, key) => (key === 'release' ? () => {} : Reflect.get(target, key, target)) });
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
