import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * The part of PGlite (or of one of its open transactions) this dialect needs. preparingPglite (pglitePrepared.ts)
 * gives one that runs statements marked by preparedQuery as named prepared statements (decision 0018).
 */
export type PgliteQueryable = Pick<PGlite, 'query' | 'transaction'>;

/**
 * Kysely over PGlite (decision 0010: kysely 0.28, which has no PGlite dialect of its own, installs on
 * every supported Node without an engine warning). PGlite is one PostgreSQL session: a plain query waits
 * for any open transaction (PGlite runs both under one mutex), so each Kysely transaction is a PGlite
 * transaction, and every connection Kysely acquires is a fresh object, so a query from another request
 * never runs inside someone else's transaction.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PgliteQueryable) {}
  createAdapter() {
    return new PgliteAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.pglite);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PgliteAdapter extends PostgresAdapter {
  // One session: the migrator's advisory lock would only ever be taken by itself.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

class PgliteDriver implements Driver {
  constructor(private readonly pglite: PgliteQueryable) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgliteConnection(this.pglite);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await asPglite(connection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await asPglite(connection).end('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await asPglite(connection).end('rollback');
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT ${quoteIdent(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT ${quoteIdent(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${quoteIdent(name)}`));
  }
  async releaseConnection(): Promise<void> {}
  // The PGlite instance belongs to whoever created it (createDatabase closes it).
  async destroy(): Promise<void> {}
}

function asPglite(connection: DatabaseConnection): PgliteConnection {
  if (!(connection instanceof PgliteConnection)) throw new Error('not a PGlite connection');
  return connection;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

class PgliteConnection implements DatabaseConnection {
  private tx: Transaction | undefined;
  private finish: ((outcome: 'commit' | 'rollback') => void) | undefined;
  private closed: Promise<unknown> | undefined;

  constructor(private readonly pglite: PgliteQueryable) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.tx ?? this.pglite;
    const result = await target.query<R>(query.sql, query.parameters as unknown[], { rowMode: 'object' });
    return {
      rows: result.rows ?? [],
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite cannot stream query results');
  }

  /** Opens a PGlite transaction and holds it open until end() is called. */
  async begin(): Promise<void> {
    if (this.tx) throw new Error('a transaction is already open on this connection');
    let begun = false;
    await new Promise<void>((opened, failed) => {
      const outcome = new Promise<'commit' | 'rollback'>((decide) => (this.finish = decide));
      const closed = this.pglite.transaction(async (tx) => {
        this.tx = tx;
        begun = true;
        opened();
        if ((await outcome) === 'rollback') await tx.rollback();
      });
      // A failure before BEGIN answered belongs to begin(); one after it, to end().
      this.closed = closed;
      closed.catch((error: unknown) => {
        if (!begun) failed(error);
      });
    });
  }

  async end(outcome: 'commit' | 'rollback'): Promise<void> {
    const closed = this.closed;
    this.finish?.(outcome);
    this.tx = undefined;
    this.finish = undefined;
    this.closed = undefined;
    if (outcome === 'commit') await closed;
    else await closed?.catch(() => {});
  }
}
