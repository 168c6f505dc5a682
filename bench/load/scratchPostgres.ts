import { randomBytes } from 'node:crypto';
import pg from 'pg';

const PG_SERVER = process.env.SAFER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs work with a factory of throwaway PostgreSQL databases (URLs; each
 * dropped afterwards); null when no server answers, so the benchmark can say
 * it skipped.
 */
export async function withScratchPostgres<T>(
  work: (create: () => Promise<string>) => Promise<T>,
  server: string = PG_SERVER,
): Promise<T | null> {
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const names: string[] = [];
  const create = async () => {
    const name = `safer_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    names.push(name);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return url.toString();
  };
  try {
    return await work(create);
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
