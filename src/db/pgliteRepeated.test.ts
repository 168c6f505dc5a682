import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDialect } from './pgliteDialect.ts';
import { keepPrepared, preparingPglite } from './pglitePrepared.ts';
import { preparedName } from './preparedQuery.ts';

/*
 * Plain statements on PGlite (pglitePrepared.ts): a plannable statement is prepared the second time its text is
 * seen, never one PostgreSQL cannot prepare; a table that gains a column is answered with it; only the newest
 * statements stay prepared.
 */

describe('repeated plain statements on PGlite', () => {
  let pglite: PGlite;
  let db: Kysely<{ thing: { id: number } }>;
  const run = <R>(text: string, parameters: unknown[] = []) =>
    db.executeQuery<R>(CompiledQuery.raw(text, parameters)).then((r) => r.rows);
  const isPrepared = async (text: string) =>
    (
      await pglite.query('SELECT 1 FROM pg_prepared_statements WHERE name = $1', [preparedName(text)], {
        rowMode: 'array',
      })
    ).rows.length === 1;

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    db = new Kysely({ dialect: new PgliteDialect(preparingPglite(pglite)) });
    await pglite.exec(`CREATE TABLE thing (id int PRIMARY KEY, name text);
      INSERT INTO thing VALUES (1, 'one'), (2, 'two'), (3, 'three');`);
  });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  it('prepares a statement the second time its text is seen, and answers as before', async () => {
    const text = 'select name from thing where id = $1';
    expect(await run(text, [1])).toEqual([{ name: 'one' }]);
    expect(await isPrepared(text)).toBe(false);
    expect(await run(text, [2])).toEqual([{ name: 'two' }]);
    expect(await isPrepared(text)).toBe(true);
    expect(await run(text, [3])).toEqual([{ name: 'three' }]);
  });

  it('writes through a prepared statement, with the rows it affected', async () => {
    const text = 'update thing set name = upper(name) where id >= $1';
    await run(text, [4]);
    const result = await db.executeQuery(CompiledQuery.raw(text, [3]));
    expect(await isPrepared(text)).toBe(true);
    expect(result.numAffectedRows).toBe(1n);
    expect(await run('select name from thing where id = $1', [3])).toEqual([{ name: 'THREE' }]);
  });

  it('never prepares what PostgreSQL cannot: a SET, a DDL statement', async () => {
    for (let i = 0; i < 2; i++) await run("set application_name = 'safer-test'");
    expect(await isPrepared("set application_name = 'safer-test'")).toBe(false);
    for (let i = 0; i < 2; i++) await run('create temporary table if not exists scratch (n int)');
    expect(await isPrepared('create temporary table if not exists scratch (n int)')).toBe(false);
  });

  it('never prepares a text longer than 16,384 characters (a bulk insert of many rows), however often seen', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => i + 100);
    const text = `select count(*)::int as n from thing where id in (${ids.map((_, i) => `$${i + 1}`).join(', ')})`;
    expect(text.length).toBeGreaterThan(16_384);
    for (let i = 0; i < 3; i++) expect(await run(text, ids)).toEqual([{ n: 0 }]);
    expect(await isPrepared(text)).toBe(false);
  });

  it('answers with the new column after the table gained one (prepared again once)', async () => {
    const text = 'select * from thing where id = $1';
    await run(text, [1]);
    expect(await run(text, [1])).toEqual([{ id: 1, name: 'one' }]);
    await pglite.exec(`ALTER TABLE thing ADD COLUMN colour text DEFAULT 'red'`);
    expect(await run(text, [1])).toEqual([{ id: 1, name: 'one', colour: 'red' }]);
    expect(await run(text, [2])).toEqual([{ id: 2, name: 'two', colour: 'red' }]);
  });

  it('keeps only the newest statements prepared, closing the oldest', async () => {
    keepPrepared(pglite, 2);
    const texts = [10, 20, 30].map((n) => `select id + ${n} as n from thing where id = $1`);
    for (const [i, text] of texts.entries()) {
      expect(await run(text, [1])).toEqual([{ n: 11 + 10 * i }]);
      expect(await run(text, [1])).toEqual([{ n: 11 + 10 * i }]);
    }
    expect(await Promise.all(texts.map(isPrepared))).toEqual([false, true, true]);
    // The closed one is prepared again when next used (seen before), and still answers.
    expect(await run(texts[0]!, [2])).toEqual([{ n: 12 }]);
    expect(await Promise.all(texts.map(isPrepared))).toEqual([true, false, true]);
  });
});
