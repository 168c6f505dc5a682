import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';

const PG_SERVER = process.env.SAFER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs work with a factory of throwaway PostgreSQL databases (each dropped on
 * close); null when no server answers, so the benchmark can say it skipped.
 */
export async function withScratchPostgres<T>(work: (open: () => Promise<Database>, close: (d: Database) => Promise<void>) => Promise<T>): Promise<T | null> {
  const admin = new pg.Client({ connectionString: PG_SERVER });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const names = new Map<Database, string>();
  const open = async () => {
    const name = `safer_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_SERVER);
    url.pathname = `/${name}`;
    const database = await createDatabase({ kind: 'postgres', url: url.toString() });
    names.set(database, name);
    return database;
  };
  const close = async (database: Database) => {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${names.get(database)} WITH (FORCE)`);
  };
  try {
    return await work(open, close);
  } finally {
    await admin.end();
  }
}
