import { type PGlite, parse, protocol, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import type { PgliteQueryable } from './pgliteDialect.ts';
import { PREPARED_MARK, preparedName } from './preparedQuery.ts';

/*
 * PGlite's query() parses and plans every statement afresh (the unnamed statement), and SQL's PREPARE/EXECUTE
 * takes no bind parameters. So a statement marked by preparedQuery (PREPARED_MARK) is run here as PostgreSQL's
 * driver does it on a server (decision 0018): the first time on an instance, Parse with its name and Describe it;
 * thereafter only Bind, Describe the portal, Execute and Sync, sent in one message, so PostgreSQL reuses the parse
 * and its plan cache. The rest copies query() (PGlite's base.ts): the same locks, the same value serializers
 * chosen by the parameter types PostgreSQL described, the same result parsing, the same errors.
 */

const { serialize } = protocol;
const { DatabaseError } = protocol.messages;
type DatabaseError = InstanceType<typeof DatabaseError>;

/** Names prepared on each instance, with the parameter types PostgreSQL gave them. A new instance starts empty. */
const preparedOn = new WeakMap<PGlite, Map<string, number[]>>();

/** PostgreSQL's SQL state for "prepared statement does not exist" (a DEALLOCATE ALL or DISCARD ALL ran). */
const NO_SUCH_STATEMENT = '26000';

/** PGlite with marked statements run as named prepared statements, in and out of its transactions. */
export function preparingPglite(pglite: PGlite): PgliteQueryable {
  return {
    query: <T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> =>
      runsPrepared(sql, options)
        ? runOutsideTransaction<T>(pglite, sql, params ?? [], options)
        : pglite.query<T>(sql, params, options),
    transaction: (work) => pglite.transaction((tx) => work(preparingTransaction(pglite, tx))),
  };
}

/** An open PGlite transaction whose marked statements run as named prepared statements. */
export function preparingTransaction(pglite: PGlite, tx: Transaction): Transaction {
  const query = <T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
    if (!runsPrepared(sql, options)) return tx.query<T>(sql, params, options);
    // As tx.query: a closed transaction refuses, an open one already holds the transaction lock.
    if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
    return pglite.runExclusive(() => runNamed<T>(pglite, sql, params ?? [], options));
  };
  return new Proxy(tx, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key, target)) });
}

/** Options this path honours; anything else (a blob, fixed parameter types, a notice callback) goes to query(). */
function runsPrepared(sql: string, options: QueryOptions | undefined): boolean {
  if (!sql.startsWith(PREPARED_MARK)) return false;
  return Object.keys(options ?? {}).every((key) => key === 'rowMode' || key === 'parsers' || key === 'serializers');
}

/** As query(): wait for any open transaction, then for the session, and sync the files afterwards. */
async function runOutsideTransaction<T>(
  pglite: PGlite,
  sql: string,
  params: unknown[],
  options: QueryOptions | undefined,
): Promise<Results<T>> {
  await pglite._checkReady();
  return pglite._runExclusiveTransaction(() =>
    pglite.runExclusive(async () => {
      const result = await runNamed<T>(pglite, sql, params, options);
      await pglite.syncToFs();
      return result;
    }),
  );
}

/** Runs a marked statement by name, preparing it first if this instance has not; the caller holds the session. */
async function runNamed<T>(
  pglite: PGlite,
  sql: string,
  params: unknown[],
  options: QueryOptions | undefined,
): Promise<Results<T>> {
  const name = preparedName(sql);
  try {
    return await bindAndExecute<T>(pglite, name, await prepare(pglite, name, sql), params, options);
  } catch (error) {
    if (!isDatabaseError(error, NO_SUCH_STATEMENT)) throw withQuery(error, sql, params, options);
    // Someone deallocated it: forget the name and prepare it again, once.
    forget(pglite, name);
    try {
      return await bindAndExecute<T>(pglite, name, await prepare(pglite, name, sql), params, options);
    } catch (again) {
      throw withQuery(again, sql, params, options);
    }
  }
}

/** The statement's parameter types, preparing it under its name if needed. A failed Parse records nothing. */
async function prepare(pglite: PGlite, name: string, sql: string): Promise<number[]> {
  let prepared = preparedOn.get(pglite);
  const known = prepared?.get(name);
  if (known) return known;
  // Close first: a statement left under this name by anyone else (it is not an error if there is none).
  const described = await pglite.execProtocolStream(
    joined([
      serialize.close({ type: 'S', name }),
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]),
    { syncToFs: false },
  );
  const types = parse.parseDescribeStatementResults(described);
  if (!prepared) preparedOn.set(pglite, (prepared = new Map()));
  prepared.set(name, types);
  return types;
}

function forget(pglite: PGlite, name: string): void {
  preparedOn.get(pglite)?.delete(name);
}

async function bindAndExecute<T>(
  pglite: PGlite,
  name: string,
  types: number[],
  params: unknown[],
  options: QueryOptions | undefined,
): Promise<Results<T>> {
  const values = params.map((param, i) => {
    if (param === null || param === undefined) return null;
    const oid = types[i] ?? 0;
    const serializer = options?.serializers?.[oid] ?? pglite.serializers[oid];
    return serializer ? serializer(param) : String(param);
  });
  const messages = await pglite.execProtocolStream(
    joined([
      serialize.bind({ statement: name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]),
    { syncToFs: false },
  );
  return parse.parseResults(messages, pglite.parsers, options)[0] as Results<T>;
}

/** Several protocol messages as one: PGlite runs them in turn, and throws the first error once Sync answered. */
function joined(messages: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(messages.reduce((length, m) => length + m.length, 0));
  let offset = 0;
  for (const message of messages) {
    all.set(message, offset);
    offset += message.length;
  }
  return all;
}

function isDatabaseError(error: unknown, code?: string): error is DatabaseError {
  return error instanceof DatabaseError && (code === undefined || error.code === code);
}

/** query()'s errors carry the statement, its values and options (PGlite's makePGliteError); so do these. */
function withQuery(error: unknown, sql: string, params: unknown[], options: QueryOptions | undefined): unknown {
  if (isDatabaseError(error)) Object.assign(error, { query: sql, params, queryOptions: options });
  return error;
}
