import { createHash } from 'node:crypto';
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/*
 * A hot query built and compiled once, then run with new values, and on PostgreSQL planned once per connection.
 * Measured on the case page (bench/panels): building and compiling its one query with Kysely took about 1 ms of the
 * app's time per request, and PostgreSQL spent 4–7 ms planning it (its parse-bind-execute log: bind, where an
 * unnamed statement is planned) against 0.35 ms running it.
 *
 * `preparedQuery(build, names)` calls `build` once (with the first database it runs on: both engines compile
 * PostgreSQL's SQL) with a placeholder for each named value, keeps the SQL and where
 * each placeholder landed among the parameters, and thereafter only fills the values in. So `build` must use each
 * value only as a query parameter, never compute with it or branch on it (compute first, pass the result). The SQL
 * opens with PREPARED_MARK, which the PostgreSQL pool (createDatabase.ts) turns into a named prepared statement: the
 * server then plans it once per connection and reuses the plan (its plan cache chooses a generic plan once that
 * is no worse). Only marked statements are named, so a connection holds a handful, never one per distinct query.
 */

export const PREPARED_MARK = '/* safer:prepared */ ';

/** The prepared statement's name for a marked SQL text: the same text, the same name, on every connection. */
export const preparedName = (sql: string): string =>
  `safer_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;

/** Stands in for one named value while the query is built. */
class Placeholder {
  constructor(readonly name: string) {}
}

export class PreparedQueryError extends Error {
  override name = 'PreparedQueryError';
}

export function preparedQuery<Values extends object, Row>(
  build: (db: Kysely<DB>, values: Values) => Compilable<Row>,
  names: readonly (keyof Values & string)[],
) {
  let compiled: { sql: string; slots: ((keyof Values & string) | { value: unknown })[] } | undefined;
  const compile = (db: Kysely<DB>) => {
    const placeholders = Object.fromEntries(names.map((n) => [n, new Placeholder(n)])) as unknown as Values;
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((p) =>
      p instanceof Placeholder ? (p.name as keyof Values & string) : { value: p },
    );
    const unused = names.filter((n) => !slots.includes(n));
    if (unused.length > 0) throw new PreparedQueryError(`values never used as parameters: ${unused.join(', ')}`);
    return { sql: PREPARED_MARK + query.sql, slots };
  };
  return async (db: Kysely<DB>, values: Values): Promise<Row[]> => {
    compiled ??= compile(db);
    const parameters = compiled.slots.map((s) => (typeof s === 'string' ? values[s] : s.value));
    return (await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters))).rows;
  };
}
