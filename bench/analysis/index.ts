/**
 * Analysis benchmark: p50/p95 latency of the twenty figures a dashboard shows
 * (figures.ts), read from the pre-aggregates, beside the same figures computed
 * by the same code over the raw records (search_path = rawscan, public; see
 * createRawScanViews). Data is SYNTHETIC partner police records.
 *   (a) one borough, ten years, ~300,000 records, PGlite
 *   (b) 32 boroughs, ten years, SAFER_BENCH_RECORDS records (default 10,000,000), PostgreSQL
 * With SAFER_BENCH_BEFORE=<a copy of src/ from before a change>, each data set
 * is built twice, identically: "before" has its aggregates made and its
 * figures computed by that copy (on the schema before migration 0011: no
 * month on partner aggregates, 0009's borough indexes), "now" by this code;
 * both are measured in the same run.
 *   SAFER_BENCH_RECORDS=2000000 SAFER_BENCH_ONLY=a|b node bin/run-ts.js bench/analysis/index.ts
 * Every run prints the load average at its start and end: the machine is shared.
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { loadDefinitions } from '../../src/analysis/loadDefinitions.ts';
import { runAnalysis } from '../../src/analysis/runAnalysis.ts';
import { rebuildAllAggregates } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { createRawScanViews, generateSyntheticRecords } from './syntheticRecords.ts';
import { BOROUGH } from './figures.ts';
import { loadAverage, measure, type Analyse, type Phase } from './measure.ts';

const LONDON_BOROUGHS = Array.from({ length: 32 }, (_, i) => `E09${String(i + 2).padStart(6, '0')}`);
const MONTHED = [
  'agg_partner_police',
  'agg_partner_police_core',
  'agg_partner_police_time',
  'agg_partner_police_lsoa',
  'agg_partner_person',
];

/** Older code writes no month: the partner aggregates as 0009 left them (0011's column optional and unindexed). */
async function schemaBefore0011(db: Kysely<DB>): Promise<void> {
  for (const t of MONTHED) {
    await sql.raw(`ALTER TABLE ${t} ALTER COLUMN month DROP NOT NULL`).execute(db);
    await sql.raw(`DROP INDEX ${t}_borough_month`).execute(db);
    await sql.raw(`CREATE INDEX ${t}_borough ON ${t} (borough_code, slice_id)`).execute(db);
  }
  await sql.raw('ALTER TABLE agg_partner_definition ALTER COLUMN month DROP NOT NULL').execute(db);
  await sql.raw('DROP INDEX agg_partner_definition_borough_month').execute(db);
  await sql
    .raw(
      'CREATE INDEX agg_partner_definition_borough ON agg_partner_definition (definition_key, borough_code, slice_id)',
    )
    .execute(db);
}
type Rebuild = (db: Kysely<DB>) => Promise<void>;

interface Code {
  name: string;
  analyse: Analyse;
  rebuild: Rebuild;
  currentSchema: boolean;
}

/** The code to measure: an older copy first when SAFER_BENCH_BEFORE names one, then this code. */
async function codes(): Promise<Code[]> {
  const now: Code = {
    name: 'now',
    analyse: runAnalysis as Analyse,
    rebuild: rebuildAllAggregates,
    currentSchema: true,
  };
  const dir = process.env.SAFER_BENCH_BEFORE;
  if (!dir) return [now];
  const old = (await import(resolve(dir, 'analysis/runAnalysis.ts'))) as { runAnalysis: Analyse };
  const oldAggregates = (await import(resolve(dir, 'analysis/aggregates/refreshAggregatesForBatch.ts'))) as {
    rebuildAllAggregates: Rebuild;
  };
  return [
    { name: 'before', analyse: old.runAnalysis, rebuild: oldAggregates.rebuildAllAggregates, currentSchema: false },
    now,
  ];
}

/** Builds one copy of the data set for a code: its own aggregates, on the schema before 0011 for older code. On PostgreSQL, loaded in bulk (bulkLoad.ts) and analysed. */
async function build(
  db: Kysely<DB>,
  code: Code,
  boroughs: readonly string[],
  records: number,
  postgres: boolean,
): Promise<Phase> {
  await migrateToLatest(db as unknown as Kysely<unknown>);
  if (!code.currentSchema) await schemaBefore0011(db);
  const started = performance.now();
  await generateSyntheticRecords(
    db,
    { boroughs, records, firstMonth: '2015-04-01', months: 120, bulk: postgres },
    code.rebuild,
  );
  await createRawScanViews(db);
  if (postgres) await sql`ANALYZE`.execute(db);
  console.log(
    `"${code.name}": ${records.toLocaleString('en-GB')} SYNTHETIC records in ${boroughs.length} borough(s) generated and aggregated in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return { name: code.name, analyse: code.analyse, db };
}

async function benchPglite(): Promise<void> {
  const opened: Database[] = [];
  const phases: Phase[] = [];
  for (const code of await codes()) {
    const database = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
    opened.push(database);
    phases.push(await build(database.db, code, [BOROUGH], 300_000, false));
  }
  const now = opened.at(-1)!.db;
  const setRaw = async (on: boolean) => {
    await sql.raw(on ? 'SET search_path TO rawscan, public' : 'SET search_path TO public').execute(now);
  };
  await measure('(a) one borough, ten years, PGlite', now, setRaw, await loadDefinitions(), phases, 20, 1, {
    p95Ms: 100,
    ratio: 20,
  });
  for (const d of opened) await d.close();
}

async function benchPostgres(): Promise<void> {
  const records = Number(process.env.SAFER_BENCH_RECORDS ?? 10_000_000);
  const server = process.env.SAFER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const opened: Database[] = [];
  const names: string[] = [];
  try {
    const phases: Phase[] = [];
    let url = new URL(server);
    for (const code of await codes()) {
      const name = `safer_bench_analysis_${code.name}`;
      names.push(name);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      url = new URL(server);
      url.pathname = `/${name}`;
      const database = await createDatabase({ kind: 'postgres', url: url.toString() });
      opened.push(database);
      phases.push(await build(database.db, code, LONDON_BOROUGHS, records, true));
    }
    url.searchParams.set('options', '-c search_path=rawscan,public');
    const raw = await createDatabase({ kind: 'postgres', url: url.toString() });
    opened.push(raw);
    await measure(
      `(b) 32 boroughs, ten years, ${records.toLocaleString('en-GB')} records, PostgreSQL`,
      raw.db,
      async () => {},
      await loadDefinitions(),
      phases,
      20,
      1,
      { p95Ms: 300, ratio: 20 },
    );
  } finally {
    for (const d of opened) await d.close();
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const only = process.env.SAFER_BENCH_ONLY;
const began = performance.now();
console.log(
  `analysis bench starts ${new Date().toISOString()}, load average ${loadAverage()} (1, 5, 15 min; ${cpus().length} cores)`,
);
if (only !== 'b') await benchPglite();
if (only !== 'a') await benchPostgres();
console.log(
  `analysis bench ends ${new Date().toISOString()} after ${((performance.now() - began) / 60_000).toFixed(1)} min, load average ${loadAverage()}`,
);
