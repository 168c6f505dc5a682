/**
 * Analysis benchmark: p50/p95 latency of the twenty figures a dashboard shows,
 * read from the pre-aggregates, beside the same figures computed by the same
 * code over the raw records (search_path = rawscan, public; see
 * createRawScanViews). Data is SYNTHETIC partner police records.
 *   (a) one borough, ten years, ~300,000 records, PGlite
 *   (b) 32 boroughs, ten years, SAFER_BENCH_RECORDS records (default 10,000,000), PostgreSQL
 *   SAFER_BENCH_RECORDS=1000000 SAFER_BENCH_ONLY=a|b node bin/run-ts.js bench/analysis/index.ts
 */
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { loadDefinitions } from '../../src/analysis/loadDefinitions.ts';
import { runAnalysis } from '../../src/analysis/runAnalysis.ts';
import type { AnalysisRequestInput } from '../../src/analysis/request.ts';
import { createRawScanViews, generateSyntheticRecords } from './syntheticRecords.ts';

const BOROUGH = 'E09000030';
const SVD = 'serious-violence-duty-tower-hamlets';
const VAP = 'VIOLENCE AGAINST THE PERSON';
const FIGURES: [string, Partial<AnalysisRequestInput>][] = [
  ['SVD headline 2023/24', { definition: SVD }],
  ['SVD by financial year, 10 years', { definition: SVD, period: 'Apr 2015–Mar 2025', by: 'financial-year' }],
  ['SVD by quarter', { definition: SVD, by: 'quarter' }],
  ['SVD by month, 12 months', { definition: SVD, period: '12 months to Mar 2025', by: 'month' }],
  ['VAP headline', { category: VAP }],
  ['robbery headline', { category: 'ROBBERY' }],
  ['sexual offences headline', { category: 'SEXUAL OFFENCES' }],
  ['knife crime headline', { definition: 'knife-crime' }],
  ['SVD by category', { definition: SVD, by: 'category' }],
  ['SVD by ward', { definition: SVD, by: 'ward' }],
  ['SVD by LSOA', { definition: SVD, by: 'lsoa' }],
  ['SVD by victim age', { definition: SVD, by: 'victim-age' }],
  ['SVD by suspect age', { definition: SVD, by: 'suspect-age' }],
  ['SVD by victim sex', { definition: SVD, by: 'victim-sex' }],
  ['SVD by victim ethnicity', { definition: SVD, by: 'victim-ethnicity' }],
  ['SVD hour × weekday', { definition: SVD, by: 'hour-weekday' }],
  ['SVD after-school window', { definition: SVD, by: 'after-school' }],
  ['VAP repeat victimisation', { category: VAP, by: 'repeat-victimisation' }],
  ['VAP victim–suspect overlap', { category: VAP, by: 'victim-suspect-overlap' }],
  ['VAP sanction detection rate', { category: VAP, by: 'outcome' }],
];

const LONDON_BOROUGHS = Array.from({ length: 32 }, (_, i) => `E09${String(i + 2).padStart(6, '0')}`);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function time(run: () => Promise<unknown>, times: number): Promise<{ ms: number[]; value: unknown }> {
  const ms: number[] = [];
  let value: unknown;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    value = await run();
    ms.push(performance.now() - start);
  }
  return { ms: ms.sort((a, b) => a - b), value };
}

async function measure(label: string, db: Kysely<DB>, raw: Kysely<DB>, setRaw: (on: boolean) => Promise<void>, runs: number, rawRuns: number): Promise<void> {
  const definitions = await loadDefinitions();
  const request = (extra: Partial<AnalysisRequestInput>) => ({ area: BOROUGH, period: '2023/24', ...extra }) as AnalysisRequestInput;
  const counts = (r: unknown) => JSON.stringify((r as { figures: { count: number | null }[] }).figures.map((f) => f.count));
  console.log(`\n${label}\n${'figure'.padEnd(32)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'scan p50'.padStart(9)} ${'ratio'.padStart(7)}  same?`);
  const all: number[] = [];
  const ratios: number[] = [];
  for (const [name, extra] of FIGURES) {
    await runAnalysis(db, definitions, request(extra)); // warm-up
    const agg = await time(() => runAnalysis(db, definitions, request(extra)), runs);
    await setRaw(true);
    const scan = await time(() => runAnalysis(raw, definitions, request(extra)), rawRuns);
    await setRaw(false);
    const p50 = quantile(agg.ms, 0.5);
    const scan50 = quantile(scan.ms, 0.5);
    if (!/[1-9]/.test(counts(agg.value))) throw new Error(`${name}: every count is 0; the benchmark data does not exercise this figure`);
    all.push(...agg.ms);
    ratios.push(scan50 / p50);
    console.log(`${name.padEnd(32)} ${p50.toFixed(1).padStart(8)} ${quantile(agg.ms, 0.95).toFixed(1).padStart(8)} ${scan50.toFixed(0).padStart(9)} ${(scan50 / p50).toFixed(0).padStart(6)}×  ${counts(agg.value) === counts(scan.value) ? 'yes' : 'NO'}`);
  }
  all.sort((a, b) => a - b);
  ratios.sort((a, b) => a - b);
  console.log(`all twenty: p50 ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms; scan/aggregate ratio min ${ratios[0]!.toFixed(0)}×, median ${quantile(ratios, 0.5).toFixed(0)}×`);
}

async function benchPglite(): Promise<void> {
  const database = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db as unknown as Kysely<unknown>);
  const started = performance.now();
  await generateSyntheticRecords(database.db, { boroughs: [BOROUGH], records: 300_000, firstMonth: '2015-04-01', months: 120 });
  await createRawScanViews(database.db);
  console.log(`(a) PGlite: ~300,000 SYNTHETIC records generated and aggregated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const setRaw = async (on: boolean) => { await sql.raw(on ? 'SET search_path TO rawscan, public' : 'SET search_path TO public').execute(database.db); };
  await measure('(a) one borough, ten years, PGlite', database.db, database.db, setRaw, 20, 1);
  await database.close();
}

async function benchPostgres(): Promise<void> {
  const records = Number(process.env.SAFER_BENCH_RECORDS ?? 10_000_000);
  const server = process.env.SAFER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS safer_bench_analysis WITH (FORCE)');
  await admin.query('CREATE DATABASE safer_bench_analysis');
  const url = new URL(server);
  url.pathname = '/safer_bench_analysis';
  let database: Database | null = null;
  let raw: Database | null = null;
  try {
    database = await createDatabase({ kind: 'postgres', url: url.toString() });
    await migrateToLatest(database.db as unknown as Kysely<unknown>);
    const started = performance.now();
    await generateSyntheticRecords(database.db, { boroughs: LONDON_BOROUGHS, records, firstMonth: '2015-04-01', months: 120 });
    await createRawScanViews(database.db);
    await sql`ANALYZE`.execute(database.db);
    console.log(`(b) PostgreSQL: ${records.toLocaleString('en-GB')} SYNTHETIC records (32 boroughs) generated and aggregated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const rawUrl = new URL(url);
    rawUrl.searchParams.set('options', '-c search_path=rawscan,public');
    raw = await createDatabase({ kind: 'postgres', url: rawUrl.toString() });
    await measure(`(b) 32 boroughs, ten years, ${records.toLocaleString('en-GB')} records, PostgreSQL`, database.db, raw.db, async () => {}, 20, 1);
  } finally {
    await raw?.close();
    await database?.close();
    await admin.query('DROP DATABASE IF EXISTS safer_bench_analysis WITH (FORCE)');
    await admin.end();
  }
}

const only = process.env.SAFER_BENCH_ONLY;
if (only !== 'b') await benchPglite();
if (only !== 'a') await benchPostgres();
