import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDialect } from './pgliteDialect.ts';

interface Db {
  note: { id: number; text: string };
}

describe('PgliteDialect', () => {
  let pglite: PGlite;
  let db: Kysely<Db>;
  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    db = new Kysely<Db>({ dialect: new PgliteDialect(pglite) });
    await sql`CREATE TABLE note (id int PRIMARY KEY, text text NOT NULL)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  it('commits a transaction and reports affected rows', async () => {
    const result = await db.transaction().execute(async (trx) =>
      trx
        .insertInto('note')
        .values([
          { id: 1, text: 'a' },
          { id: 2, text: 'b' },
        ])
        .executeTakeFirst(),
    );
    expect(result.numInsertedOrUpdatedRows).toBe(2n);
    expect(await db.selectFrom('note').select('text').orderBy('id').execute()).toEqual([{ text: 'a' }, { text: 'b' }]);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ id: 3, text: 'c' }).execute();
        await trx.insertInto('note').values({ id: 1, text: 'duplicate' }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.selectFrom('note').select('id').where('id', '=', 3).execute()).toEqual([]);
  });

  it('keeps a query from outside a transaction out of it: it waits, and does not see or join its writes', async () => {
    let releaseTransaction!: () => void;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let inserted!: () => void;
    const insertedInTransaction = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ id: 10, text: 'inside' }).execute();
      inserted();
      await held;
      throw new Error('roll back');
    });
    await insertedInTransaction;
    // A concurrent request's write: if it ran inside the open transaction it would be rolled back with it.
    const outside = db.insertInto('note').values({ id: 11, text: 'outside' }).execute();
    releaseTransaction();
    await expect(transaction).rejects.toThrow('roll back');
    await outside;
    const ids = (await db.selectFrom('note').select('id').where('id', 'in', [10, 11]).execute()).map((r) => r.id);
    expect(ids).toEqual([11]);
  });

  it('supports savepoints inside a controlled transaction', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('note').values({ id: 20, text: 'kept' }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('note').values({ id: 21, text: 'undone' }).execute();
    const outer = await inner.rollbackToSavepoint('inner').execute();
    await outer.commit().execute();
    const ids = (await db.selectFrom('note').select('id').where('id', 'in', [20, 21]).execute()).map((r) => r.id);
    expect(ids).toEqual([20]);
  });
});
