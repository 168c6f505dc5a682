/**
 * Ingest benchmark: rows per second and peak memory for police.uk files,
 * parsing only and importing into PGlite and PostgreSQL, each measured in a
 * child process. The synthetic street file (SYNTHETIC, bench/out/, size from
 * SAFER_BENCH_MB, default 1024) is generated once and reused.
 *   SAFER_BENCH_MB=200 npm run bench
 *   SAFER_BENCH_ONLY=synthetic|real   SAFER_BENCH_MODES=parse,pglite,pglite-no-fsync,pglite-no-worker,postgres
 * pglite-no-worker reads the file on the main thread (decision 0007): the baseline the worker is measured against.
 * pglite-no-fsync commits without fsync, as before decision 0011: the baseline durability is measured against.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeSyntheticStreetCsv } from './syntheticStreetCsv.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const sharedData = resolve(process.env.SAFER_SHARED_DATA ?? resolve(root, '../shared/data'));
const megabytes = Number(process.env.SAFER_BENCH_MB ?? 1024);
const modes = (process.env.SAFER_BENCH_MODES ?? 'parse,pglite,pglite-no-fsync,pglite-no-worker,postgres').split(',');
const only = process.env.SAFER_BENCH_ONLY;

interface Measurement {
  rows: number;
  seconds: number;
  peakMb: number;
  status: string;
}

async function measure(mode: string, file: string): Promise<Measurement> {
  try {
    const { stdout } = await run(
      process.execPath,
      [resolve(root, 'bin/run-ts.js'), resolve(root, 'bench/ingest/measure.ts'), mode, file],
      {
        cwd: root,
        maxBuffer: 16 * 1024 * 1024,
        // MALLOC_MMAP_THRESHOLD_ as `safer` runs (bin/safer.js, docs/decisions/0008-malloc-mmap-threshold.md).
        env: {
          ...process.env,
          MALLOC_MMAP_THRESHOLD_: '131072',
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=2048`.trim(),
        },
      },
    );
    const last = stdout.trim().split('\n').pop() ?? '{}';
    return JSON.parse(last) as Measurement;
  } catch (error) {
    return {
      rows: 0,
      seconds: 0,
      peakMb: 0,
      status: `failed: ${String((error as Error).message)
        .split('\n')
        .slice(0, 3)
        .join(' ')}`,
    };
  }
}

async function syntheticFile(): Promise<string> {
  const out = resolve(root, 'bench/out');
  mkdirSync(out, { recursive: true });
  const path = resolve(out, `police-uk-street-SYNTHETIC-${megabytes}MB.csv`);
  if (!existsSync(path) || statSync(path).size < megabytes * 1024 * 1024) {
    process.stdout.write(`generating ${path} …\n`);
    const started = performance.now();
    const { rows, months } = await writeSyntheticStreetCsv(
      path,
      megabytes * 1024 * 1024,
      resolve(sharedData, 'boundaries/lsoa-2021/LSOA_2021_London_simplified1m_wgs84.geojson'),
    );
    process.stdout.write(
      `  ${rows.toLocaleString('en-GB')} rows over ${months} months in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
  return path;
}

const REAL_FILES = [
  'police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv',
  'police-uk/outcomes/outcomes_burglarylinked_MPS_all_2012-01_2025-02.csv.gz',
  'police-uk/stop-and-search/stop_and_search_TowerHamlets_pip_lsoa21.csv',
];

const files: { label: string; path: string }[] = [];
if (only !== 'real') files.push({ label: `synthetic street ${megabytes} MB`, path: await syntheticFile() });
if (only !== 'synthetic')
  for (const f of REAL_FILES) files.push({ label: f.split('/').pop()!, path: resolve(sharedData, f) });

/** Load averages (1, 5, 15 min): the figures only compare within one run on a shared machine. */
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
process.stdout.write(`load average at start: ${load()}\n`);
const table: string[][] = [['file', 'target', 'rows', 'seconds', 'rows/s', 'vs parse-only', 'peak MB', 'status']];
for (const f of files) {
  let parseRate = 0;
  for (const mode of modes) {
    const m = await measure(mode, f.path);
    const rate = m.seconds > 0 ? m.rows / m.seconds : 0;
    if (mode === 'parse') parseRate = rate;
    table.push([
      f.label,
      mode,
      m.rows.toLocaleString('en-GB'),
      m.seconds.toFixed(1),
      Math.round(rate).toLocaleString('en-GB'),
      mode === 'parse' || parseRate === 0 ? '' : `${(rate / parseRate).toFixed(2)}×`,
      m.peakMb.toFixed(0),
      m.status,
    ]);
    process.stdout.write(`${table[table.length - 1]!.join(' | ')}\n`);
  }
}

const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
process.stdout.write(`load average at end: ${load()}\n`);
process.stdout.write(`\n${table.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n')}\n`);
process.stdout.write(
  '\nTargets (issue 2): street rows ≥150,000/s into PostgreSQL, ≥100,000/s into PGlite; storing at most halves parse-only throughput (≥0.50×); peak < 500 MB on the 1 GB file.\n',
);
