import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/createDatabase.ts';
import type { DB } from '../db/schema.ts';
import type { PartialMonth } from '../db/tables/core.ts';
import { readCsvHeader, normaliseHeader } from './csvRecords.ts';
import { fileReaders } from './fileReaders.ts';
import { ImportWorker } from './worker/importWorker.ts';
import { loadsInWorker } from './worker/workerLayouts.ts';
import { detectLayout } from './detectLayout.ts';
import { sha256File } from './fingerprint.ts';
import type { FileInfo, ImportOptions, ImportStats, Layout, LoadContext } from './layout.ts';
import { layouts as defaultLayouts } from './layouts.ts';
import { ImportRejectedError, ProblemCollector, type Problem } from './problems.ts';
import { isGzipFile, readText } from './textSource.ts';
import { refuseBinaryFile } from './binaryFile.ts';
import { isIsoDate } from './fields.ts';

export interface FileImportResult {
  path: string;
  format: string | null;
  status: 'imported' | 'unchanged' | 'rejected';
  batchId: number | null;
  rows: number;
  imported: number;
  unchanged: number;
  replaced: number;
  rejected: number;
  errors: Problem[];
  totalErrors: number;
  message: string;
  /** First or last months the layout left out as partial (import_batch.partial_months); [] when none. */
  partialMonths: PartialMonth[];
}

/**
 * Summarises one batch's records into the aggregate tables figures read, inside the import's
 * transaction, after the layout has stored the batch and its slices are reconciled. Ingest stores;
 * how figures are aggregated belongs to analysis, so the caller passes analysis's implementation
 * (refreshAggregatesForBatch). `written`: the aggregate tables the layout filled itself while reading
 * (LoadContext.aggregatesWritten), to be left alone.
 */
export type RefreshAggregates = (trx: Kysely<DB>, batchId: number, written: ReadonlySet<string>) => Promise<void>;

/** What an import calls out to: the aggregates (every caller), and a hook for callers such as the web upload. */
export interface ImportHooks {
  /** Required: figures never scan raw records, so a batch is not stored without its aggregates. */
  refreshAggregates: RefreshAggregates;
  /**
   * Runs inside the import's transaction once the batch is loaded, so what
   * it writes (an audit entry) commits or rolls back with the import.
   */
  beforeCommit?: (trx: Kysely<DB>, batch: { batchId: number; stats: ImportStats }) => Promise<void>;
}

const BINARY_EXTENSIONS = new Set(['.shp', '.dbf', '.shx']);

/**
 * Imports one file whole or not at all: detect its layout, refuse a file
 * already imported, then load it inside one transaction that any problem
 * rolls back.
 */
export async function importFile(
  database: Database,
  path: string,
  options: ImportOptions & ImportHooks,
  layouts: readonly Layout[] = defaultLayouts,
): Promise<FileImportResult> {
  const label = basename(path);
  let format: string | null = null;
  let worker: ImportWorker | null = null;
  try {
    const file = await describeFile(path, label, options);
    const layout = detectLayout(file, layouts, options.format);
    format = layout.id;
    // Started before hashing the file, so the worker loads its modules while this thread hashes.
    if (useWorker(database, layout, options, file.size)) worker = new ImportWorker(layout.id);
    const sha256 = await sha256File(path);
    const plan = layout.plan(file, options);
    const extractDate = options.extractDate ?? plan.extractDate ?? new Date().toISOString().slice(0, 10);
    if (!isIsoDate(extractDate)) {
      throw ImportRejectedError.single(label, {
        column: 'extract date',
        value: extractDate,
        message: 'the extract date must be a real date, YYYY-MM-DD',
      });
    }
    const previous = await database.db
      .selectFrom('import_batch')
      .select(['id', 'rows_read'])
      .where('sha256', '=', sha256)
      .where('layout', '=', layout.id)
      .where('status', '=', 'imported')
      .executeTakeFirst();
    if (previous) {
      return {
        ...emptyResult(path, format, 'unchanged'),
        batchId: previous.id,
        rows: previous.rows_read,
        unchanged: previous.rows_read,
        message: `already imported as batch ${previous.id}; nothing changed`,
      };
    }
    const { stats, batchId, partialMonths } = await database.bulkTransaction(async (trx, copy, copyBinary) => {
      const batch = await trx
        .insertInto('import_batch')
        .values({
          file_name: label,
          file_path: path,
          sha256,
          layout: layout.id,
          series: plan.series,
          extract_date: extractDate,
          imported_by: options.importedBy,
          classification: plan.classification ?? 'public',
          owning_agency: plan.owningAgency ?? 'police',
          notes: plan.notes ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const problems = new ProblemCollector();
      const stats: ImportStats = { rowsRead: 0, imported: 0, unchanged: 0, replaced: 0 };
      const totalBytes = (await stat(path)).size;
      const onBytes = options.onProgress ? (n: number) => options.onProgress!(n, totalBytes) : undefined;
      const ctx: LoadContext = {
        file,
        options,
        trx,
        copy,
        copyBinary,
        problems,
        stats,
        aggregatesWritten: new Set(),
        batchId: batch.id,
        series: plan.series,
        extractDate,
        ...fileReaders(file, options.encoding, onBytes),
      };
      if (worker) await worker.load(ctx, onBytes);
      else await layout.load(ctx);
      if (problems.any) throw new ImportRejectedError(label, problems.listed, problems.total);
      if (stats.rowsRead === 0) {
        throw ImportRejectedError.single(label, { line: 2, message: 'the file has a header but no data rows' });
      }
      // Figures never scan raw records: the batch's aggregates are written in the same transaction.
      // Grouping a big file's records in memory rather than by an on-disk sort (PostgreSQL's 4 MB default);
      // PGlite keeps its default, as its memory is this process's own.
      if (database.kind === 'postgres') await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
      await options.refreshAggregates(trx, batch.id, ctx.aggregatesWritten);
      await analyseChangedTables(trx);
      const done = await trx
        .updateTable('import_batch')
        .set({
          rows_read: stats.rowsRead,
          rows_imported: stats.imported,
          rows_unchanged: stats.unchanged,
          rows_replaced: stats.replaced,
        })
        .where('id', '=', batch.id)
        .returning('partial_months')
        .executeTakeFirstOrThrow();
      await options.beforeCommit?.(trx, { batchId: batch.id, stats });
      return { stats, batchId: batch.id, partialMonths: done.partial_months ?? [] };
    });
    return {
      path,
      format,
      status: 'imported',
      batchId,
      rows: stats.rowsRead,
      imported: stats.imported,
      unchanged: stats.unchanged,
      replaced: stats.replaced,
      rejected: 0,
      errors: [],
      totalErrors: 0,
      message: `imported as batch ${batchId}`,
      partialMonths,
    };
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    return {
      ...emptyResult(path, format, 'rejected'),
      errors: [...error.problems],
      totalErrors: error.totalProblems,
      rejected: error.totalProblems,
      message: error.message,
    };
  } finally {
    // Also when the file turns out to be imported already, or is rejected before the worker is used.
    worker?.stop();
  }
}

/**
 * Below this size a worker's start-up (~1 s of the other core to load the importer's modules) outweighs
 * what reading beside the database saves.
 */
export const WORKER_MIN_BYTES = 16 << 20;

/**
 * Only on PGlite, which stores on this thread: a PostgreSQL server already stores on its own core
 * while this thread reads, and relaying through a worker made a 200 MB street import slower there
 * (5.7–6.9 s → 7.5 s) and used ~130 MB more (docs/decisions/0007).
 */
function useWorker(database: Database, layout: Layout, options: ImportOptions, bytes: number): boolean {
  if (!loadsInWorker(layout.id) || options.worker === 'never') return false;
  if (options.worker === 'always') return true;
  // Through another process's data folder (database.via), storing already happens off this thread.
  return database.kind === 'pglite' && !database.via && bytes >= WORKER_MIN_BYTES;
}

function emptyResult(path: string, format: string | null, status: FileImportResult['status']): FileImportResult {
  return {
    path,
    format,
    status,
    batchId: null,
    rows: 0,
    imported: 0,
    unchanged: 0,
    replaced: 0,
    rejected: 0,
    errors: [],
    totalErrors: 0,
    message: '',
    partialMonths: [],
  };
}

/** Everything detection needs, read from the first bytes of the file (its fingerprint comes after). */
export async function describeFile(
  path: string,
  label: string,
  options: Pick<ImportOptions, 'encoding'>,
): Promise<FileInfo> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw ImportRejectedError.single(label, { message: `cannot read the file at ${path}` });
  }
  if (size === 0) throw ImportRejectedError.single(label, { message: 'the file is empty' });
  const isGzip = await isGzipFile(path);
  if (BINARY_EXTENSIONS.has(extname(path).toLowerCase())) {
    return { path, label, size, isGzip, header: null, rawHeader: null, headText: '' };
  }
  await refuseBinaryFile(path, label, isGzip);
  let headText = '';
  for await (const text of readText(path, label, options)) {
    headText += text;
    if (headText.length >= 4096) break;
  }
  headText = headText.replace(/^\uFEFF/, '').slice(0, 4096);
  if (headText.trim() === '') throw ImportRejectedError.single(label, { message: 'the file is empty' });
  if (/^\s*[[{]/.test(headText)) return { path, label, size, isGzip, header: null, rawHeader: null, headText };
  const first = await readCsvHeader(path, label, options);
  if (!first) throw ImportRejectedError.single(label, { message: 'the file is empty' });
  return { path, label, size, isGzip, header: first.cells.map(normaliseHeader), rawHeader: first.cells, headText };
}

/**
 * Fresh planner statistics for every table this import's transaction changed (rows copied, inserted from staging,
 * replaced or deleted), before it commits. PGlite never analyses by itself, and PostgreSQL's autovacuum may not
 * have run before the first figure is asked: planned as if empty, a headline over the MPS counts took 1.5–2 s, and
 * with `area` unanalysed a ward's London benchmark ran as 6,557 index probes (12 s on PostgreSQL). The transaction's
 * own counters (pg_stat_xact_user_tables) name the tables; ANALYZE samples a fixed number of rows, so it costs
 * little at any size. Temporary staging tables are left out.
 */
async function analyseChangedTables(trx: Kysely<DB>): Promise<void> {
  const changed = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_stat_xact_user_tables
    WHERE schemaname = 'public' AND n_tup_ins + n_tup_upd + n_tup_del > 0
    ORDER BY relname`.execute(trx);
  for (const { name } of changed.rows) await sql`ANALYZE ${sql.table(name)}`.execute(trx);
}
