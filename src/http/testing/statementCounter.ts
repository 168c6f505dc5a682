import {
  createQueryId,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { TestDb } from '../../../test/createTestDb.ts';

/*
 * Counts the SQL statements the app sends, deterministically (timings on a shared machine are noise): a Kysely
 * plugin sees every statement built through the database's Kysely, including raw `sql` and those inside
 * transactions, and its transformResult runs once per statement executed (compiling alone does not count).
 */

export class StatementCounter implements KyselyPlugin {
  private readonly pending = new Map<unknown, RootOperationNode>();
  /** The executed statements' SQL (null for one built outside the query builder), in the order they finished. */
  readonly executed: (string | null)[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.pending.set(args.queryId, args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const node = this.pending.get(args.queryId);
    this.pending.delete(args.queryId);
    this.executed.push(node === undefined ? null : new PostgresQueryCompiler().compileQuery(node, createQueryId()).sql);
    return args.result;
  }

  get count(): number {
    return this.executed.length;
  }

  reset(): void {
    this.executed.length = 0;
  }

  /** How many statements `work` executes. */
  async countOf(work: () => Promise<unknown>): Promise<number> {
    this.reset();
    await work();
    return this.count;
  }
}

/** The test database with its Kysely counting statements (the harness's services then count every one). */
export function countingDb(t: TestDb, counter: StatementCounter): TestDb {
  return { ...t, database: { ...t.database, db: t.database.db.withPlugin(counter) } };
}
