import type { ByteCsvCursor } from './byteCsv.ts';
import type { Kysely } from 'kysely';
import type { CopyRows } from '../db/copy.ts';
import type { CopyBinary } from '../db/createDatabase.ts';
import type { DB } from '../db/schema.ts';
import type { CsvOptions, CsvRecord } from './csvRecords.ts';
import type { ProblemCollector } from './problems.ts';
import type { TextEncoding } from './textSource.ts';

/** What detection knows about a file before any layout reads it. */
export interface FileInfo {
  path: string;
  /** The name used in messages: the file name, as the person importing knows it. */
  label: string;
  /** Bytes on disk (compressed, for a .gz file). */
  size: number;
  isGzip: boolean;
  /** The first CSV record, normalised (lower case, trimmed); null when the file is not CSV-like or empty. */
  header: string[] | null;
  /** The first CSV record as written. */
  rawHeader: string[] | null;
  /** The first few KB of decoded text, for sniffing JSON and metadata lines. */
  headText: string;
}

export interface ImportOptions {
  /** Force a layout instead of detecting it. */
  format?: string;
  /** When the publisher extracted the data (YYYY-MM-DD); overrides what the layout infers. */
  extractDate?: string;
  encoding?: TextEncoding;
  importedBy: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Whether a layout that can (worker/workerLayouts.ts) reads the file on a worker thread: 'auto' (the
   * default) for files of WORKER_MIN_BYTES or more, 'always' and 'never' for tests and benchmarks.
   */
  worker?: 'auto' | 'always' | 'never';
}

export interface BatchPlan {
  /** Series this file extends or revises: later extracts of a series supersede earlier ones. */
  series: string;
  /** Inferred extract date (YYYY-MM-DD); the import date when nothing better is known. */
  extractDate?: string;
  classification?: 'public' | 'partnership' | 'restricted' | 'personal';
  owningAgency?: string;
  notes?: string;
}

export interface ImportStats {
  rowsRead: number;
  imported: number;
  unchanged: number;
  replaced: number;
}

export interface LoadContext {
  readonly file: FileInfo;
  readonly options: ImportOptions;
  readonly trx: Kysely<DB>;
  readonly copy: CopyRows;
  /** COPY of rows already in binary format (BinaryCopyRows), on the same connection and transaction. */
  readonly copyBinary: CopyBinary;
  /**
   * copy and copyBinary run one after another in the order they were called, without the caller
   * waiting for the one before (true on an import worker, whose statements the main thread queues).
   */
  readonly copiesQueuedInOrder?: boolean;
  readonly batchId: number;
  readonly series: string;
  readonly extractDate: string;
  readonly problems: ProblemCollector;
  readonly stats: ImportStats;
  /** Aggregate tables the layout wrote itself for this batch: the import's refreshAggregates (importFile.ts) leaves them alone. */
  readonly aggregatesWritten: Set<string>;
  /** The file's data records (the header already consumed), with the import's encoding and progress. */
  dataRecords(options?: CsvOptions): AsyncGenerator<CsvRecord>;
  /** The same records read from bytes (byteCsv.ts), for the biggest files. */
  byteRecords(): AsyncGenerator<ByteCsvCursor>;
}

/** One publisher's file layout: how to recognise it and how to load it. */
export interface Layout {
  readonly id: string;
  readonly description: string;
  /** The normalised header names that identify the layout; also used to name the nearest layout. */
  readonly signature: readonly string[];
  detect(file: FileInfo): boolean;
  plan(file: FileInfo, options: ImportOptions): BatchPlan;
  load(ctx: LoadContext): Promise<void>;
}

/** Detects a CSV layout by its signature columns being present, in any order or case. */
export function hasColumns(file: FileInfo, columns: readonly string[]): boolean {
  if (!file.header) return false;
  const present = new Set(file.header);
  return columns.every((c) => present.has(c));
}
