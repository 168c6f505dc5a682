/**
 * Reports benchmark: time and peak memory to build the SNA (templates/sna.json) for Tower Hamlets 2023/24 against
 * 2022/23 on the demo data, and to render it in each format, on PGlite and on PostgreSQL; printed beside the time
 * of the same figures fetched one by one through the JSON API (GET /api/v1/analysis, app.inject) in the same run.
 * Targets (issue 17): HTML under 10 s, PDF under 30 s, Word under 15 s, peak RSS under 1 GB.
 *
 * The demo data is built once per engine with `safer demo --no-serve` (bench/out/reports-pglite; PostgreSQL
 * database safer_bench_reports at 127.0.0.1:5432) and reused: SAFER_BENCH_REBUILD=1 builds it again.
 * SAFER_BENCH_ONLY=pglite|postgres runs one engine. Order within an engine: the API pass first (cold result cache),
 * then the report build with a fresh result cache; both read the same warm database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { measureEngine, type EngineFigures } from './measure.ts';

const root = resolve(import.meta.dirname, '../..');
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_URL = 'postgres://postgres@127.0.0.1:5432/safer_bench_reports';
const PGLITE_DIR = resolve(root, 'bench/out/reports-pglite');
const rebuild = process.env.SAFER_BENCH_REBUILD === '1';

function demo(env: Record<string, string>): void {
  process.stdout.write(`building the demo data (${env.DATABASE_URL ?? env.SAFER_DATA_DIR}) …\n`);
  const r = spawnSync(process.execPath, [resolve(root, 'bin/safer.js'), 'demo', '--no-serve'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`safer demo --no-serve failed (exit ${r.status})`);
}

async function preparePostgres(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch (error) {
    process.stdout.write(
      `PostgreSQL is not reachable at 127.0.0.1:5432 (${error instanceof Error ? error.message : error}): skipped\n`,
    );
    return false;
  }
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['safer_bench_reports'])).rowCount;
  if (rebuild || !exists) {
    await admin.query('DROP DATABASE IF EXISTS safer_bench_reports WITH (FORCE)');
    await admin.query('CREATE DATABASE safer_bench_reports');
    await admin.end();
    demo({ DATABASE_URL: PG_URL });
  } else await admin.end();
  return true;
}

const only = process.env.SAFER_BENCH_ONLY;
/** The environment without DATABASE_URL, so the config chooses the embedded database. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}
const results: EngineFigures[] = [];
process.stdout.write(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
if (!only || only === 'pglite') {
  if (rebuild) rmSync(PGLITE_DIR, { recursive: true, force: true });
  if (!existsSync(PGLITE_DIR)) demo({ SAFER_DATA_DIR: PGLITE_DIR });
  results.push(
    await measureEngine('PGlite', loadConfig(withoutDatabaseUrl({ ...process.env, SAFER_DATA_DIR: PGLITE_DIR }))),
  );
}
if ((!only || only === 'postgres') && (await preparePostgres()))
  results.push(await measureEngine('PostgreSQL', loadConfig({ ...process.env, DATABASE_URL: PG_URL })));

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
process.stdout.write(
  '\nengine      figures  API one by one  report figures  ratio   html    pdf     docx    xlsx    peak RSS\n',
);
for (const r of results)
  process.stdout.write(
    `${r.engine.padEnd(11)} ${String(r.figures).padStart(7)}  ${s(r.apiMs).padStart(14)}  ${s(r.buildMs).padStart(14)}  ${(r.buildMs / r.apiMs).toFixed(2).padStart(5)}×  ${s(r.buildMs + r.renderMs.html).padStart(6)}  ${s(r.buildMs + r.renderMs.pdf).padStart(6)}  ${s(r.buildMs + r.renderMs.docx).padStart(6)}  ${s(r.buildMs + r.renderMs.xlsx).padStart(6)}  ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB\n`,
  );
process.stdout.write(
  '(html/pdf/docx/xlsx: the whole SNA in that format = building its figures + rendering; targets html < 10 s, pdf < 30 s, docx < 15 s, RSS < 1 GiB; ratio = report figures ÷ API one by one)\n',
);
process.stdout.write(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
