import { PGlite, type Transaction } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PgliteDialect } from './pgliteDialect.ts';
import { preparingPglite } from './pglitePrepared.ts';
import { PREPARED_MARK, preparedName } from './preparedQuery.ts';

interface Db {
  item: { id: number };
}

// As production (src/db/embedded/pglite.ts): dates stay 'YYYY-MM-DD'.
const openPglite = () => PGlite.create('memory://', { parsers: { 1082: (v: string) => v } });

const SPREAD = `SELECT i.id, i.big, i.price, i.label, i.due, i.at, i.open, i.tags, i.counts, i.extra,
    (SELECT coalesce(json_agg(agg), '[]') FROM (SELECT n.body, n.at FROM note n WHERE n.item_id = i.id ORDER BY n.id) agg)
      AS notes,
    (SELECT jsonb_agg(n.id ORDER BY n.id) FROM note n WHERE n.item_id = i.id) AS note_ids
  FROM item i WHERE i.id = ANY($1) AND i.open = $2 ORDER BY i.id`;

describe('marked statements on PGlite', () => {
  let pglite: PGlite;
  let db: Kysely<Db>;
  const run = <R>(text: string, parameters: unknown[]) =>
    db.executeQuery<R>(CompiledQuery.raw(text, parameters)).then((r) => r.rows);
  const prepared = async (text: string) => {
    const name = preparedName(PREPARED_MARK + text);
    return (
      await pglite.query<{ prepare_time: Date }>('SELECT prepare_time FROM pg_prepared_statements WHERE name = $1', [
        name,
      ])
    ).rows;
  };

  beforeAll(async () => {
    pglite = await openPglite();
    db = new Kysely<Db>({ dialect: new PgliteDialect(preparingPglite(pglite)) });
    await pglite.exec(`
      CREATE TABLE item (id int PRIMARY KEY, big int8, price numeric(10,2), label text, due date, at timestamptz,
        open bool, tags text[], counts int[], extra jsonb);
      CREATE TABLE note (id int PRIMARY KEY, item_id int REFERENCES item, body text, at timestamptz);
      INSERT INTO item VALUES
        (1, 9007199254740993, 12.50, 'first', '2026-12-07', '2026-12-07T10:00:00Z', true, '{a,"b c"}', '{1,2}', '{"k": [1, null]}'),
        (2, 42, NULL, NULL, NULL, NULL, true, '{}', NULL, NULL),
        (3, -1, 0.10, 'third', '2025-01-31', '2025-01-31T23:59:59.5Z', false, NULL, '{3}', 'null');
      INSERT INTO note VALUES (10, 1, 'x', '2026-12-07T11:00:00Z'), (11, 1, NULL, NULL), (12, 3, 'z', NULL);
    `);
  });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  it('returns the rows query() returns, with the same types', async () => {
    const plain = await run(SPREAD, [[1, 2], true]);
    const marked = await run(PREPARED_MARK + SPREAD, [[1, 2], true]);
    const again = await run(PREPARED_MARK + SPREAD, [[1, 2], true]);
    expect(marked).toEqual(plain);
    expect(again).toEqual(plain);
    expect(marked).toEqual([
      {
        id: 1,
        big: 9007199254740993n, // beyond 2^53: PGlite gives a bigint, as query() does
        price: '12.50',
        label: 'first',
        due: '2026-12-07',
        at: new Date('2026-12-07T10:00:00Z'),
        open: true,
        tags: ['a', 'b c'],
        counts: [1, 2],
        extra: { k: [1, null] },
        notes: [
          { body: 'x', at: '2026-12-07T11:00:00+00:00' },
          { body: null, at: null },
        ],
        note_ids: [10, 11],
      },
      {
        id: 2,
        big: 42,
        price: null,
        label: null,
        due: null,
        at: null,
        open: true,
        tags: [],
        counts: null,
        extra: null,
        notes: [],
        note_ids: null,
      },
    ]);
  });

  it('runs again with other values, on the statement prepared the first time', async () => {
    const text = 'SELECT id, label FROM item WHERE open = $1 AND id >= $2 ORDER BY id';
    expect(await run(PREPARED_MARK + text, [true, 2])).toEqual([{ id: 2, label: null }]);
    const [first] = await prepared(text);
    expect(first).toBeDefined();
    expect(await run(PREPARED_MARK + text, [false, 0])).toEqual([{ id: 3, label: 'third' }]);
    expect(await run(PREPARED_MARK + text, [true, 0])).toEqual([
      { id: 1, label: 'first' },
      { id: 2, label: null },
    ]);
    // Parsed once: the same statement, prepared at the same moment, is still there.
    expect(await prepared(text)).toEqual([first]);
  });

  it('sends one protocol message a run once prepared, two the first time', async () => {
    const text = 'SELECT count(*) AS n FROM item WHERE id > $1';
    const sent = vi.spyOn(pglite, 'execProtocolStream');
    try {
      expect(await run(PREPARED_MARK + text, [1])).toEqual([{ n: 2 }]);
      expect(sent).toHaveBeenCalledTimes(2);
      expect(await run(PREPARED_MARK + text, [2])).toEqual([{ n: 1 }]);
      expect(sent).toHaveBeenCalledTimes(3);
    } finally {
      sent.mockRestore();
    }
  });

  it('reports a failed run with its SQL state and message, and runs the next', async () => {
    const text = 'SELECT 10 / $1::int AS q';
    await expect(run(PREPARED_MARK + text, [0])).rejects.toMatchObject({
      message: 'division by zero',
      code: '22012',
      query: PREPARED_MARK + text,
      params: [0],
    });
    expect(await run(PREPARED_MARK + text, [2])).toEqual([{ q: 5 }]);
  });

  it('records nothing when Parse fails, and prepares once the statement can be parsed', async () => {
    const text = 'SELECT id FROM later WHERE id = $1';
    await expect(run(PREPARED_MARK + text, [1])).rejects.toMatchObject({ code: '42P01' });
    expect(await prepared(text)).toEqual([]);
    await pglite.exec('CREATE TABLE later (id int); INSERT INTO later VALUES (1)');
    expect(await run(PREPARED_MARK + text, [1])).toEqual([{ id: 1 }]);
    expect(await prepared(text)).toHaveLength(1);
  });

  it('prepares again after the session deallocated its statements', async () => {
    const text = 'SELECT $1::int + 1 AS next';
    expect(await run(PREPARED_MARK + text, [1])).toEqual([{ next: 2 }]);
    await pglite.exec('DEALLOCATE ALL');
    expect(await run(PREPARED_MARK + text, [2])).toEqual([{ next: 3 }]);
  });

  it('runs inside a Kysely transaction, whose rollback keeps the statement but not the rows', async () => {
    const insert = 'INSERT INTO note (id, item_id, body) VALUES ($1, $2, $3)';
    const count = 'SELECT count(*) AS n FROM note WHERE item_id = $1';
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw(PREPARED_MARK + insert, [20, 2, 'in tx']));
        const inside = await trx.executeQuery(CompiledQuery.raw(PREPARED_MARK + count, [2]));
        expect(inside.rows).toEqual([{ n: 1 }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await run(PREPARED_MARK + count, [2])).toEqual([{ n: 0 }]);
    expect(await prepared(insert)).toHaveLength(1);
    await db
      .transaction()
      .execute((trx) => trx.executeQuery(CompiledQuery.raw(PREPARED_MARK + insert, [21, 2, 'kept'])));
    expect(await run(PREPARED_MARK + count, [2])).toEqual([{ n: 1 }]);
  });

  it('waits for an open transaction as query() does, and runs concurrent calls one at a time', async () => {
    const count = 'SELECT count(*) AS n FROM item';
    let insertDone!: () => void;
    const inserted = new Promise<void>((resolve) => (insertDone = resolve));
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const tx = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO item (id) VALUES (4)`.execute(trx);
      insertDone();
      await committing;
    });
    await inserted;
    const outside = Promise.all([run(PREPARED_MARK + count, []), run(PREPARED_MARK + count, []), run(count, [])]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    commit();
    await tx;
    // Had they not waited, they would have seen 3 items (or broken the transaction).
    expect(await outside).toEqual([[{ n: 4 }], [{ n: 4 }], [{ n: 4 }]]);
  });

  it('prepares afresh on another instance: names do not carry over', async () => {
    const other = await openPglite();
    try {
      const text = 'SELECT $1::text AS said';
      expect(await run(PREPARED_MARK + text, ['here'])).toEqual([{ said: 'here' }]);
      const otherDb = new Kysely<Db>({ dialect: new PgliteDialect(preparingPglite(other)) });
      const sent = vi.spyOn(other, 'execProtocolStream');
      const rows = await otherDb.executeQuery(CompiledQuery.raw(PREPARED_MARK + text, ['there']));
      expect(rows.rows).toEqual([{ said: 'there' }]);
      expect(sent).toHaveBeenCalledTimes(2);
    } finally {
      await other.close();
    }
  });

  it('refuses a transaction that has ended, as tx.query does', async () => {
    let ended: Transaction | undefined;
    await preparingPglite(pglite).transaction(async (tx) => {
      ended = tx;
    });
    await expect(ended?.query(`${PREPARED_MARK}SELECT 1`)).rejects.toThrow('Transaction is closed');
  });

  it('fails in an aborted transaction as query() does, and prepares afterwards', async () => {
    const text = 'SELECT $1::int * 3 AS tripled';
    await expect(
      db.transaction().execute(async (trx) => {
        await expect(sql`SELECT 1 / 0`.execute(trx)).rejects.toThrow('division by zero');
        await trx.executeQuery(CompiledQuery.raw(PREPARED_MARK + text, [1]));
      }),
    ).rejects.toMatchObject({ code: '25P02' });
    expect(await prepared(text)).toEqual([]);
    expect(await run(PREPARED_MARK + text, [2])).toEqual([{ tripled: 6 }]);
  });

  it('passes on a value PGlite cannot serialize as query() does', async () => {
    const text = 'SELECT id FROM item WHERE open = $1';
    await expect(run(text, ['maybe'])).rejects.toThrow('Invalid input for boolean type');
    await expect(run(PREPARED_MARK + text, ['maybe'])).rejects.toThrow('Invalid input for boolean type');
    expect(await run(PREPARED_MARK + text, [false])).toEqual([{ id: 3 }]);
  });

  it('refuses on a closed instance as query() does', async () => {
    const closed = await openPglite();
    await closed.close();
    await expect(preparingPglite(closed).query(`${PREPARED_MARK}SELECT 1`)).rejects.toThrow('PGlite is closed');
  });
});
