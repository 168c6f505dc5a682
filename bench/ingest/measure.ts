/**
 * One measurement in its own process, so peak RSS belongs to it alone:
 *   measure.ts parse|pglite|pglite-no-worker|pglite-no-fsync|postgres FILE
 * Prints one JSON line: { rows, seconds, peakMb, status }.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import { promisify } from 'node:util';
import { PG_SERVER_URL, runOnServer } from './pgAdmin.ts';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';
import { openPgliteHere } from '../../src/db/embedded/pglite.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { readCsvRecords } from '../../src/ingest/csvRecords.ts';
import { describeFile, importFile } from '../../src/ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { capYoungGenerationForImport } from '../../src/ingest/importHeap.ts';
import { parseStreetBytes } from './parseOnlySink.ts';

const [mode, file] = process.argv.slice(2);
const run = promisify(execFile);

async function main(): Promise<void> {
  if (!file || !mode) throw new Error('usage: measure.ts parse|pglite|pglite-no-worker|pglite-no-fsync|postgres FILE');
  if (mode === 'parse') return report(await parseOnly(file));
  if (mode === 'pglite-init') {
    // Creates and migrates a data folder, in its own process: PGlite's initdb alone peaks near 1 GB of RSS
    // (a one-off when a data folder is first made), which is not what an import into an existing database costs.
    const database = await createDatabase({ kind: 'pglite', dataDir: file });
    await migrateToLatest(database.db as unknown as Kysely<unknown>);
    await database.close();
    return report({ rows: 0, seconds: 0, status: 'initialised' });
  }
  if (mode === 'pglite' || mode === 'pglite-no-worker' || mode === 'pglite-no-fsync') {
    const dir = await mkdtemp(join(tmpdir(), 'safer-bench-'));
    try {
      await run(process.execPath, [process.argv[1]!, import.meta.filename, 'pglite-init', dir]);
      // pglite-no-worker: the same import read on the main thread (decision 0007), as the baseline for the worker.
      const worker = mode === 'pglite-no-worker' ? 'never' : 'auto';
      // pglite-no-fsync: as before decision 0011 (commits not fsynced), the baseline durability is measured against.
      const database =
        mode === 'pglite-no-fsync'
          ? await openPgliteHere(dir, { durable: false })
          : await createDatabase({ kind: 'pglite', dataDir: dir });
      return report(await timedImport(database, file, worker));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (mode === 'postgres') {
    const name = `safer_bench_${process.pid}`;
    await runOnServer(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(PG_SERVER_URL);
      url.pathname = `/${name}`;
      return report(await timedImport(await createDatabase({ kind: 'postgres', url: url.toString() }), file));
    } finally {
      await runOnServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  throw new Error(`unknown mode ${mode}`);
}

/**
 * Read + parse + validate, no database: street files through the importer's own byte path
 * (parseOnlySink.ts), other files through CSV parsing alone.
 */
async function parseOnly(path: string): Promise<{ rows: number; seconds: number; status: string }> {
  const started = performance.now();
  const info = await describeFile(path, basename(path), {});
  const isStreet = info.header?.includes('crime type') ?? false;
  if (isStreet) {
    const { rows, problems } = await parseStreetBytes(info);
    return {
      rows,
      seconds: (performance.now() - started) / 1000,
      status: problems > 0 ? `problems: ${problems}` : 'parsed+validated',
    };
  }
  let rows = -1;
  for await (const _record of readCsvRecords(path, info.label)) rows += 1;
  return { rows, seconds: (performance.now() - started) / 1000, status: 'parsed' };
}

async function timedImport(
  database: Database,
  path: string,
  worker: 'auto' | 'never' = 'auto',
): Promise<{ rows: number; seconds: number; status: string }> {
  try {
    await migrateToLatest(database.db as unknown as Kysely<unknown>);
    // As `safer import` does (src/cli/commands/import.ts).
    capYoungGenerationForImport();
    const started = performance.now();
    const r = await importFile(database, path, {
      importedBy: 'bench',
      worker,
      refreshAggregates: refreshAggregatesForBatch,
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      rows: r.rows,
      seconds,
      status: r.status === 'rejected' ? `rejected: ${r.message.slice(0, 200)}` : r.status,
    };
  } finally {
    await database.close();
  }
}

function report(r: { rows: number; seconds: number; status: string }): void {
  // maxRSS is in kilobytes.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...r, peakMb })}\n`);
}

await main();
