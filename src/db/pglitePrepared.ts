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

/*
 * Not only marked statements: on PGlite every statement runs on the app's one thread, and parsing and planning it
 * afresh (with a file-size look-up per table and index it names) was most of a cached page's cost under load
 * (bench/delivery, a CPU profile of the app). So a plain statement PostgreSQL can prepare (one SELECT, INSERT,
 * UPDATE, DELETE or WITH, as Kysely compiles them) is prepared the second time its text is seen: a statement seen
 * once (an IN list of a new length, a one-off) costs no more than query(). Each instance keeps its newest
 * PREPARED_KEPT statements, closing the oldest, and remembers the names (hashes) of the last SIGHTINGS_KEPT texts
 * it saw. A text longer than LONGEST_PREPARED (a bulk insert's many rows of values) is never prepared: such texts
 * rarely repeat, hashing them costs, and parsing is a small part of running them.
 */
const PLANNABLE = /^\s*(select|insert|update|delete|with)\b/i;
const PREPARED_KEPT = 400;
const SIGHTINGS_KEPT = 4000;
const LONGEST_PREPARED = 16_384;

/** What an instance has prepared (name → parameter types, oldest use first) and the names of plain texts seen. */
interface InstanceState {
  prepared: Map<string, number[]>;
  seen: Set<string>;
  keep: number;
}
const stateOf = new WeakMap<PGlite, InstanceState>();
const instance = (pglite: PGlite): InstanceState => {
  let state = stateOf.get(pglite);
  if (!state) stateOf.set(pglite, (state = { prepared: new Map(), seen: new Set(), keep: PREPARED_KEPT }));
  return state;
};

/** Tests only: how many statements an instance keeps prepared. */
export function keepPrepared(pglite: PGlite, keep: number): void {
  instance(pglite).keep = keep;
}

/** Whether a plain statement has been seen before (and now has been), its name remembered newest last. */
function seenBefore(pglite: PGlite, sql: string): boolean {
  const { seen } = instance(pglite);
  const name = preparedName(sql);
  if (seen.delete(name)) {
    seen.add(name);
    return true;
  }
  seen.add(name);
  if (seen.size > SIGHTINGS_KEPT) seen.delete(seen.values().next().value as string);
  return false;
}

/**
 * SQL states after which a statement is prepared again, once: "prepared statement does not exist" (a DEALLOCATE ALL
 * or DISCARD ALL ran) and "cached plan must not change result type" (a table it reads * from gained a column).
 */
const PREPARE_AGAIN = new Set(['26000', '0A000']);

/** PGlite with marked statements run as named prepared statements, in and out of its transactions. */
export function preparingPglite(pglite: PGlite): PgliteQueryable {
  return {
    query: <T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> =>
      runsPrepared(pglite, sql, options)
        ? runOutsideTransaction<T>(pglite, sql, params ?? [], options)
        : pglite.query<T>(sql, params, options),
    transaction: (work) => pglite.transaction((tx) => work(preparingTransaction(pglite, tx))),
  };
}

/** An open PGlite transaction whose marked statements run as named prepared statements. */
export function preparingTransaction(pglite: PGlite, tx: Transaction): Transaction {
  const query = <T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
    if (!runsPrepared(pglite, sql, options)) return tx.query<T>(sql, params, options);
    // As tx.query: a closed transaction refuses, an open one already holds the transaction lock.
    if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
    return pglite.runExclusive(() => runNamed<T>(pglite, sql, params ?? [], options));
  };
  return new Proxy(tx, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key, target)) });
}

/**
 * A marked statement, or a plannable one seen before, with only options this path honours (anything else: a blob,
 * fixed parameter types, a notice callback, goes to query()).
 */
function runsPrepared(pglite: PGlite, sql: string, options: QueryOptions | undefined): boolean {
  if (!Object.keys(options ?? {}).every((key) => key === 'rowMode' || key === 'parsers' || key === 'serializers'))
    return false;
  if (sql.startsWith(PREPARED_MARK)) return true;
  return sql.length <= LONGEST_PREPARED && PLANNABLE.test(sql) && seenBefore(pglite, sql);
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
    if (!(isDatabaseError(error) && PREPARE_AGAIN.has(error.code ?? ''))) throw withQuery(error, sql, params, options);
    // Someone deallocated it, or its result's shape changed: forget the name and prepare it again, once.
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
  const { prepared, keep } = instance(pglite);
  const known = prepared.get(name);
  if (known) {
    // Newest use last, so the oldest is closed first.
    prepared.delete(name);
    prepared.set(name, known);
    return known;
  }
  // The oldest statements beyond what is kept are closed in the same message.
  const closing = [...prepared.keys()].slice(0, Math.max(0, prepared.size + 1 - keep));
  // Close first: a statement left under this name by anyone else (it is not an error if there is none).
  const described = await pglite
    .execProtocolStream(
      joined([
        ...closing.map((old) => serialize.close({ type: 'S', name: old })),
        serialize.close({ type: 'S', name }),
        serialize.parse({ name, text: sql }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    )
    .finally(() => {
      for (const old of closing) prepared.delete(old);
    });
  const types = parse.parseDescribeStatementResults(described);
  prepared.set(name, types);
  return types;
}

function forget(pglite: PGlite, name: string): void {
  stateOf.get(pglite)?.prepared.delete(name);
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
