import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { copyRowsPglite, pgliteFileCopy } from '../copy.ts';
import { copyBinarySql, type Database } from '../database.ts';
import { PgliteDialect, type PgliteQueryable } from '../pgliteDialect.ts';
import { preparingPglite, preparingTransaction } from '../pglitePrepared.ts';
import { DURABLE_SETTINGS, makeNodefsDurable } from './durableNodefs.ts';

type PGliteTx = Parameters<Parameters<PGlite['transaction']>[0]>[0];

/**
 * Opens PGlite in this process. Callers other than tests go through openDataFolder, which locks the folder
 * first. A data folder is durable (every commit fsynced, decision 0011) unless `durable: false` (benchmarks
 * measuring what durability costs); `memory://` has no disk to sync.
 */
export async function openPgliteHere(
  dataDir: string,
  options: {
    durable?: boolean /** Tests only: the PGlite instance underneath. */;
    onPglite?: (pglite: PGlite) => void;
  } = {},
): Promise<Database> {
  const durable = dataDir !== 'memory://' && options.durable !== false;
  // Dates stay 'YYYY-MM-DD' strings on both engines (see openPostgres). shared_buffers 32 MB instead of
  // PGlite's 128 MB: the buffers live in the process's own memory, and a 50 MB police.uk import peaked at
  // ~610 MB RSS with 128 MB against ~480 MB with 32 MB, at the same speed (bench/ingest).
  // wal_init_zero off: PostgreSQL otherwise writes each new 16 MB WAL segment full of zeros before using it,
  // which on PGlite is the importing thread's own time: a 200 MB police.uk file wrote 304 MB of zeros besides
  // ~300 MB of WAL, and imported in 5.0 s instead of 5.7-6.0 s. The zeros only pre-allocate the file; WAL
  // records carry their own length and CRC, so recovery does not rely on them.
  const startParams = [
    ...PGlite.defaultStartParams,
    '-c',
    'shared_buffers=32MB',
    '-c',
    'wal_init_zero=off',
    ...(durable ? DURABLE_SETTINGS : []),
  ];
  const pglite = await PGlite.create(dataDir, { parsers: { 1082: (v: string) => v }, startParams });
  if (durable) makeNodefsDurable(pglite);
  options.onPglite?.(pglite);
  const db = new Kysely<DB>({ dialect: new PgliteDialect(yieldingPglite(preparingPglite(pglite))) });
  const copyFile = pgliteFileCopy(pglite);
  return {
    kind: 'pglite',
    db,
    bulkTransaction: (work) =>
      pglite.transaction(async (tx) => {
        const trx = new Kysely<DB>({
          dialect: new PgliteDialect(transactionAsPglite(preparingTransaction(pglite, tx))),
        });
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

function yieldingPglite(pglite: PgliteQueryable): PgliteQueryable {
  return {
    query: async (...args: Parameters<PGlite['query']>) => {
      await turnOfEventLoop();
      return pglite.query(...args);
    },
    transaction: (work) => pglite.transaction(work),
  };
}

/** Lets Kysely's PGlite dialect run queries inside an already-open PGlite transaction. */
function transactionAsPglite(tx: PGliteTx): PgliteQueryable {
  return {
    query: async (...args: Parameters<PGliteTx['query']>) => {
      await turnOfEventLoop();
      return tx.query(...args);
    },
    transaction: () => {
      throw new Error('nested transactions are not supported inside a bulk transaction');
    },
  };
}
