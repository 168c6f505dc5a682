/**
 * Where the time of each dashboard figure goes: runs the twenty figures once
 * each and prints every query's duration, slowest first. The data set is
 * generated once and reused:
 *   (a) PGlite folder, one borough, 300,000 records:
 *     SAFER_PROFILE_DIR=/tmp/safer-profile node bin/run-ts.js bench/analysis/profile.ts [figure-name-substring]
 *   (b) a PostgreSQL database of 32 boroughs (created if missing, kept for the next run; drop it when done):
 *     SAFER_PROFILE_PG=postgres://postgres@127.0.0.1:5432/safer_profile_b SAFER_BENCH_RECORDS=2000000 node bin/run-ts.js bench/analysis/profile.ts
 * SAFER_PROFILE_EXPLAIN=1 also prints the plan (EXPLAIN ANALYZE, BUFFERS) of each figure's slowest query;
 * SAFER_PROFILE_REBUILD=1 remakes the aggregates (after a change to them) before measuring.
 */
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import { PgliteDialect } from '../../src/db/pgliteDialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { loadDefinitions } from '../../src/analysis/loadDefinitions.ts';
import { runAnalysis } from '../../src/analysis/runAnalysis.ts';
import type { AnalysisRequestInput } from '../../src/analysis/request.ts';
import { generateSyntheticRecords } from './syntheticRecords.ts';
import { rebuildAllAggregates } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { BOROUGH, FIGURES } from './figures.ts';

const LONDON_BOROUGHS = Array.from({ length: 32 }, (_, i) => `E09${String(i + 2).padStart(6, '0')}`);
let log: { sql: string; full: string; parameters: readonly unknown[]; ms: number }[] = [];
const onLog = (e: LogEvent) => {
  log.push({
    sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 160),
    full: e.query.sql,
    parameters: e.query.parameters,
    ms: e.queryDurationMillis,
  });
};

async function open(): Promise<{
  db: Kysely<DB>;
  fresh: boolean;
  explain: (text: string, parameters: unknown[]) => Promise<string[]>;
  close: () => Promise<void>;
}> {
  const url = process.env.SAFER_PROFILE_PG;
  if (url) {
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({
      connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
    });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    pg.types.setTypeParser(1082, (v) => v);
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const explain = async (text: string, parameters: unknown[]) =>
      (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, parameters)).rows.map(
        (r) => r['QUERY PLAN'],
      );
    return {
      db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: onLog }),
      fresh: !exists,
      explain,
      close: async () => {},
    };
  }
  const dir = process.env.SAFER_PROFILE_DIR ?? '/tmp/safer-profile-a';
  const fresh = !existsSync(dir);
  const pglite = await PGlite.create(dir, { parsers: { 1082: (v: string) => v } });
  const explain = async (text: string, parameters: unknown[]) =>
    (await pglite.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, parameters)).rows.map(
      (r) => r['QUERY PLAN'],
    );
  return {
    db: new Kysely<DB>({ dialect: new PgliteDialect(pglite), log: onLog }),
    fresh,
    explain,
    close: async () => {},
  };
}

const { db, fresh, explain } = await open();
await migrateToLatest(db as unknown as Kysely<unknown>);
const postgres = Boolean(process.env.SAFER_PROFILE_PG);
if (fresh) {
  const started = performance.now();
  const records = postgres ? Number(process.env.SAFER_BENCH_RECORDS ?? 2_000_000) : 300_000;
  await generateSyntheticRecords(db, {
    boroughs: postgres ? LONDON_BOROUGHS : [BOROUGH],
    records,
    firstMonth: '2015-04-01',
    months: 120,
  });
  if (postgres) await sql`ANALYZE`.execute(db);
  console.log(
    `${records.toLocaleString('en-GB')} SYNTHETIC records generated and aggregated in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
} else if (process.env.SAFER_PROFILE_REBUILD) {
  const started = performance.now();
  await rebuildAllAggregates(db);
  if (postgres) await sql`ANALYZE`.execute(db);
  console.log(`aggregates rebuilt in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const definitions = await loadDefinitions();
const only = process.argv[2];
for (const [name, extra] of FIGURES) {
  if (only && !name.includes(only)) continue;
  const request = { area: BOROUGH, period: '2023/24', ...extra } as AnalysisRequestInput;
  await runAnalysis(db, definitions, request);
  log = [];
  const start = performance.now();
  await runAnalysis(db, definitions, request);
  const total = performance.now() - start;
  const inQueries = log.reduce((a, q) => a + q.ms, 0);
  console.log(`\n${name}: ${total.toFixed(1)} ms, ${log.length} queries, ${inQueries.toFixed(1)} ms in queries`);
  const slowest = [...log].sort((a, b) => b.ms - a.ms);
  for (const q of slowest.slice(0, 4)) console.log(`  ${q.ms.toFixed(1).padStart(7)} ms  ${q.sql}`);
  if (process.env.SAFER_PROFILE_EXPLAIN && slowest[0]) {
    console.log((await explain(slowest[0].full, [...slowest[0].parameters])).map((l) => `    ${l}`).join('\n'));
  }
}
await db.destroy();
