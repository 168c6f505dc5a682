/**
 * The two loads the benchmark compares, of the same file in the same run: Safer's register import
 * (importRegisterFile: every row read as a form is, placed in an LSOA and ward, checked for duplicates, written
 * with its version row and one audit entry) against a plain COPY of the file's rows into a scratch table of text
 * columns (read, split on commas, no checks, no indexes), through the same connection's COPY.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Actor } from '../../src/auth/policy.ts';
import type { Database } from '../../src/db/database.ts';
import type { RegisterContext } from '../../src/registers/registerContext.ts';
import type { LoadTiming } from './protocol.ts';

const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

export async function plainCopy(database: Database, path: string): Promise<LoadTiming> {
  const started = performance.now();
  const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
  const width = (lines[0] ?? '').split(',').length;
  const columns = Array.from({ length: width }, (_, i) => `c${i}`);
  const rows = lines.slice(1).map((l) => l.split(','));
  await database.bulkTransaction(async (trx, copy) => {
    await sql.raw(`CREATE TABLE bench_plain_copy (${columns.map((c) => `${c} text`).join(', ')})`).execute(trx);
    await copy('bench_plain_copy', columns, rows);
  });
  const timing = { rows: rows.length, seconds: seconds(started) };
  await sql`DROP TABLE bench_plain_copy`.execute(database.db);
  return timing;
}

export async function registerImport(
  database: Database,
  ctx: RegisterContext,
  actor: Actor,
  path: string,
): Promise<LoadTiming | { unavailable: string }> {
  let importRegisterFile: typeof import('../../src/registers/files/importRegisterFile.ts').importRegisterFile;
  try {
    ({ importRegisterFile } = await import('../../src/registers/files/importRegisterFile.ts'));
  } catch {
    return { unavailable: 'the register importer (src/registers/files/importRegisterFile.ts) is not there' };
  }
  const started = performance.now();
  const result = await importRegisterFile(database, ctx, actor, 'weapon-sweeps', path, { via: 'bench' });
  if (result.status !== 'imported')
    return {
      unavailable: `the import was ${result.status}: ${result.problems
        .slice(0, 3)
        .map((p) => `line ${p.line} ${p.column ?? ''} ${p.message}`)
        .join('; ')}`,
    };
  return { rows: result.rows, seconds: seconds(started) };
}
