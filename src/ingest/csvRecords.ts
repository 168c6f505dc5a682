import { parse, CsvError } from 'csv-parse';
import { ImportRejectedError } from './problems.ts';
import { readText, type TextSourceOptions } from './textSource.ts';

/** A line longer than this is refused: no real layout comes near it, and it bounds memory. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export interface CsvOptions extends TextSourceOptions {
  /** Leading lines to skip before the header (e.g. Nomis metadata lines). */
  skipLines?: number;
  /** Accept rows with a different number of cells (footers of some downloads). */
  relaxColumnCount?: boolean;
}

/** The lower-cased, trimmed, space-collapsed form every header is matched in. */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Streams CSV records (header included, as the first record) with their line
 * numbers. Parse errors become an ImportRejectedError naming the line.
 */
export async function* readCsvRecords(path: string, label: string, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: options.relaxColumnCount ?? false,
    max_record_size: MAX_LINE_BYTES,
    from_line: (options.skipLines ?? 0) + 1,
    skip_empty_lines: false,
  });
  const feed = (async () => {
    try {
      for await (const text of readText(path, label, options)) {
        if (parser.destroyed) break;
        if (!parser.write(text)) {
          await new Promise((r) => {
            parser.once('drain', r);
            parser.once('close', r);
          });
        }
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; raw?: string } }>) {
      const { record, info } = item;
      // csv-parse reports the line a record ends on; a record spans one line unless a quoted cell holds newlines.
      let newlines = 0;
      for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) newlines += 1;
      yield { line: info.lines - newlines, cells: record };
    }
  } catch (error) {
    throw toRejection(label, error);
  } finally {
    // Stopping early (e.g. after the header) must also stop the file being read.
    if (!parser.readableEnded) parser.destroy();
    await feed;
  }
}

function toRejection(label: string, error: unknown): unknown {
  if (error instanceof ImportRejectedError) return error;
  if (error instanceof CsvError) {
    const lines = (error as unknown as { lines?: unknown }).lines;
    const line = typeof lines === 'number' ? lines : null;
    const message =
      error.code === 'CSV_MAX_RECORD_SIZE'
        ? `a line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB; this is not a layout Safer knows (is the file binary, or are its line endings lost?)`
        : error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? `the row has a different number of cells from the header (${error.message})`
          : `the CSV cannot be parsed: ${error.message}`;
    return ImportRejectedError.single(label, { line, message });
  }
  return error;
}

/** Reads only the header record (and stops), for layout detection. Null for an empty file. */
export async function readCsvHeader(path: string, label: string, options: CsvOptions = {}): Promise<CsvRecord | null> {
  for await (const record of readCsvRecords(path, label, { ...options, relaxColumnCount: true })) {
    return record;
  }
  return null;
}
