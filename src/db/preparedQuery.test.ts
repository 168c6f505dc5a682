import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testEngine } from '../../test/createTestDb.ts';
import { insertUser } from '../auth/users.ts';
import { PREPARED_MARK, PreparedQueryError, preparedName, preparedQuery } from './preparedQuery.ts';

// A query built once and run with new values must answer exactly what building it afresh answers.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  for (const [i, agency] of ['police', 'health', 'police'].entries())
    await insertUser(t.database.db, { email: `prep${i}@synthetic.test`, agency, role: 'analyst', password: null });
});
afterAll(() => t.drop());

const byAgency = preparedQuery(
  (db, v: { agency: string; like: string; limit: number }) =>
    db
      .selectFrom('app_user')
      .select(['email', 'agency_code'])
      .where('agency_code', '=', v.agency)
      .where('email', 'like', v.like)
      .orderBy('email')
      .limit(v.limit),
  ['agency', 'like', 'limit'],
);

describe('preparedQuery', () => {
  it('answers each set of values as the query built for them would', async () => {
    const db = t.database.db;
    for (const v of [
      { agency: 'police', like: 'prep%', limit: 10 },
      { agency: 'health', like: 'prep%', limit: 10 },
      { agency: 'police', like: 'prep%', limit: 1 },
      { agency: 'fire', like: '%', limit: 10 },
    ])
      expect(await byAgency(db, v)).toEqual(
        await db
          .selectFrom('app_user')
          .select(['email', 'agency_code'])
          .where('agency_code', '=', v.agency)
          .where('email', 'like', v.like)
          .orderBy('email')
          .limit(v.limit)
          .execute(),
      );
    expect((await byAgency(db, { agency: 'police', like: 'prep%', limit: 10 })).map((r) => r.email)).toEqual([
      'prep0@synthetic.test',
      'prep2@synthetic.test',
    ]);
  });

  it('refuses a query that does not use a value it names as a parameter', async () => {
    const broken = preparedQuery((db, _v: { id: number }) => db.selectFrom('app_user').select('id'), ['id']);
    await expect(broken(t.database.db, { id: 1 })).rejects.toThrow(PreparedQueryError);
    await expect(broken(t.database.db, { id: 1 })).rejects.toThrow('values never used as parameters: id');
  });

  it.runIf(testEngine === 'postgres')('is a named prepared statement on the PostgreSQL connection', async () => {
    const db = t.database.db;
    await byAgency(db, { agency: 'police', like: 'prep%', limit: 10 });
    // The pool hands back the connection just released, so this runs where the statement was prepared.
    const names = await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`
      .execute(db)
      .then((r) => r.rows);
    const ours = names.filter((n) => n.statement.startsWith(PREPARED_MARK.trim()));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.name).toBe(preparedName(ours[0]!.statement));
  });
});
