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
import { ENTRY_COLUMNS } from '../../src/registers/files/writeImportedEntries.ts';
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

const VERSION_COLUMNS = [
  'entry_id',
  'version',
  'change',
  'status',
  'data',
  'personal_fields_changed',
  'changed_by',
  'changed_by_email',
  'changed_at',
];

/**
 * The floor under any import that keeps the register's storage: the rows the import wrote (entries and their
 * version rows, as text, fetched first and not timed) COPYed into fresh copies of the two tables with the same
 * columns, checks and indexes (`LIKE … INCLUDING ALL`; without the foreign keys, which LIKE does not copy), in
 * one transaction rolled back afterwards. Timed: the two COPYs only.
 */
export async function storageCopy(database: Database, importedRows: number): Promise<LoadTiming> {
  const asText = async (table: string, columns: readonly string[], where: string) => {
    const list = columns.map((c) => `${c}::text`).join(', ');
    const { rows } = await sql
      .raw<Record<string, string | null>>(`SELECT ${list} FROM ${table} ${where} ORDER BY 1`)
      .execute(database.db);
    return rows.map((r) => Object.values(r));
  };
  const importId = `(SELECT max(id) FROM register_import)`;
  const entries = await asText('register_entry', ENTRY_COLUMNS, `WHERE import_id = ${importId}`);
  const versions = await asText(
    'register_entry_version',
    VERSION_COLUMNS,
    `WHERE entry_id IN (SELECT id FROM register_entry WHERE import_id = ${importId})`,
  );
  if (entries.length !== importedRows || versions.length !== importedRows)
    throw new Error(`the import wrote ${entries.length} entries and ${versions.length} versions, not ${importedRows}`);
  let seconds = 0;
  await database
    .bulkTransaction(async (trx, copy) => {
      await sql.raw('CREATE TABLE bench_entry_copy (LIKE register_entry INCLUDING ALL)').execute(trx);
      await sql.raw('CREATE TABLE bench_version_copy (LIKE register_entry_version INCLUDING ALL)').execute(trx);
      const started = performance.now();
      await copy('bench_entry_copy', ENTRY_COLUMNS, entries);
      await copy('bench_version_copy', VERSION_COLUMNS, versions);
      seconds = (performance.now() - started) / 1000;
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return { rows: entries.length, seconds: Math.round(seconds * 100) / 100 };
}

class RolledBack extends Error {}
