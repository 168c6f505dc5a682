import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Sends one statement to the thread that owns the database and resolves with its result. */
export type RemoteExecute = (sql: string, parameters: readonly unknown[]) => Promise<QueryResult<unknown>>;

/**
 * A Kysely whose statements run on another thread, inside the transaction
 * that thread has open (importWorker.ts). It cannot open transactions of its
 * own: the import's one transaction is the whole point.
 */
export function remoteKysely(execute: RemoteExecute): Kysely<DB> {
  const connection: DatabaseConnection = {
    executeQuery: async <R>(query: CompiledQuery) => (await execute(query.sql, query.parameters)) as QueryResult<R>,
    // eslint-disable-next-line require-yield
    streamQuery: async function* () {
      throw new Error('streaming queries are not available to an import worker');
    },
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {
      throw new Error('an import worker runs inside the import transaction and cannot open another');
    },
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  return new Kysely<DB>({ dialect });
}
