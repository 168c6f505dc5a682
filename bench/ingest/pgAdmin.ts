import pg from 'pg';

/** The PostgreSQL server the ingest benchmarks create their scratch databases on. */
export const PG_SERVER_URL = process.env.SAFER_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one statement (CREATE / DROP DATABASE) on its own connection to the server. */
export async function runOnServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
