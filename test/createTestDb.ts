import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { createDatabase, type Database } from '../src/db/createDatabase.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** Which engine the suite runs on; CI runs it once with each. */
export const testEngine: 'pglite' | 'postgres' = process.env.SAFER_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** The PostgreSQL server tests create their throwaway databases on. */
export const testServerUrl = process.env.SAFER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  database: Database;
  /** The DATABASE_URL of this test database (postgres), or its data folder (pglite). */
  location: string;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database for one test file: in-memory PGlite, or a
 * new database on the machine's PostgreSQL that is dropped afterwards.
 */
export async function createTestDb(options: { dataDir?: string } = {}): Promise<TestDb> {
  if (testEngine === 'pglite') {
    const dataDir = options.dataDir ?? 'memory://';
    const database = await createDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(database.db as unknown as Kysely<unknown>);
    return { database, location: dataDir, drop: () => database.close() };
  }
  const name = `safer_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(database.db as unknown as Kysely<unknown>);
  return {
    database,
    location: url.toString(),
    drop: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
