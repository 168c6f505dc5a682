import { CsvSplitter, CsvSyntaxError } from './csvSplitter.ts';
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
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * Streams CSV records (header included, as the first record) in batches, one
 * batch per decoded chunk of the file (about 1 MB). The fast way to read a
 * big file: no promise per record. Parse errors become an
 * ImportRejectedError naming the line.
 */
export async function* readCsvBatches(
  path: string,
  label: string,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const splitter = new CsvSplitter({
    skipLines: options.skipLines,
    relaxColumnCount: options.relaxColumnCount,
    maxRecordChars: MAX_LINE_BYTES,
  });
  let first = true;
  try {
    for await (let text of readText(path, label, options)) {
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      const batch = splitter.push(text);
      if (batch.length > 0) yield batch;
    }
    const tail = splitter.end();
    if (tail.length > 0) yield tail;
  } catch (error) {
    throw toRejection(label, error);
  }
}

/**
 * Streams CSV records (header included, as the first record) with their line
 * numbers. Parse errors become an ImportRejectedError naming the line.
 */
export async function* readCsvRecords(
  path: string,
  label: string,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(path, label, options)) yield* batch;
}

/** A CSV syntax error as the rejection of the file it came from (other errors pass through). */
export function toRejection(label: string, error: unknown): unknown {
  if (error instanceof ImportRejectedError) return error;
  if (error instanceof CsvSyntaxError) {
    const message =
      error.code === 'MAX_RECORD_SIZE'
        ? `a line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB; this is not a layout Safer knows (is the file binary, or are its line endings lost?)`
        : error.code === 'INCONSISTENT_FIELDS'
          ? `the row has a different number of cells from the header (${error.message})`
          : `the CSV cannot be parsed: ${error.message}`;
    return ImportRejectedError.single(label, { line: error.line, message });
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
