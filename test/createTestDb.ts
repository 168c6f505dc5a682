import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../src/db/createDatabase.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DEFAULT_TEST_PG_URL } from './globalSetupPostgres.ts';

/** Which engine the suite runs on; CI runs it once with each. */
export const testEngine: 'pglite' | 'postgres' = process.env.SAFER_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/**
 * The PostgreSQL server tests create their throwaway databases on: the one
 * test/globalSetupPostgres.ts chose for this run (SAFER_TEST_PG_URL if a server
 * answers there, else an embedded server it started), or, outside that setup,
 * SAFER_TEST_PG_URL or the machine's server.
 */
export const testServerUrl = inject('saferTestPgUrl') ?? process.env.SAFER_TEST_PG_URL ?? DEFAULT_TEST_PG_URL;

export interface TestDb {
  database: Database;
  /** The DATABASE_URL of this test database (postgres), or its data folder (pglite). */
  location: string;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database for one test file: PGlite in a new data
 * folder under the system temp directory (removed by drop), or a new database
 * on the machine's PostgreSQL that is dropped afterwards.
 *
 * Not PGlite's `memory://`: its in-memory file system grows a large table file
 * by copying it, so importing the MPS historical ward file took 267 s there
 * (127 s of it system time) against 22 s in a data folder, as `safer` runs.
 */
export async function createTestDb(options: { dataDir?: string } = {}): Promise<TestDb> {
  if (testEngine === 'pglite') {
    const ownFolder = options.dataDir === undefined;
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'safer-test-db-')));
    const database = await createDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(database.db as unknown as Kysely<unknown>);
    const drop = async () => {
      await database.close();
      if (ownFolder) await rm(dataDir, { recursive: true, force: true });
    };
    return { database, location: dataDir, drop };
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
