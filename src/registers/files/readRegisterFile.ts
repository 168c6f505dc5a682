import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { readCsvBatches } from '../../ingest/csvRecords.ts';
import { ImportRejectedError } from '../../ingest/problems.ts';

/*
 * A register file's rows with the line each came from: CSV (UTF-8, a BOM allowed) through the ingest layer's one
 * streaming CSV reader, or the first sheet of an XLSX workbook (a zip, told by its first bytes whatever its name).
 * Line numbers are the physical CSV line a record starts on, or the sheet's row number, so a problem names the
 * place its writer can find. The header is the first row yielded.
 */

export interface FileRow {
  line: number;
  cells: string[];
}

/** The file cannot be read at all (not UTF-8, a broken quote, not a workbook); `line` where that is known. */
export class UnreadableFileError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

export async function isZipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export type FileFormat = 'csv' | 'xlsx';

export const fileFormatOf = async (path: string): Promise<FileFormat> => ((await isZipFile(path)) ? 'xlsx' : 'csv');

export async function* readRegisterFile(path: string, label: string, format: FileFormat): AsyncGenerator<FileRow[]> {
  if (format === 'xlsx') {
    yield await xlsxRows(path);
    return;
  }
  try {
    // Rows may differ in length from the header: the importer names the line rather than the reader refusing all.
    yield* readCsvBatches(path, label, { relaxColumnCount: true });
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    const first = error.problems[0];
    throw new UnreadableFileError(first?.line ?? null, first?.message ?? error.message);
  }
}

async function xlsxRows(path: string): Promise<FileRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(path);
  } catch {
    throw new UnreadableFileError(null, 'not a readable XLSX workbook: save it again from the spreadsheet program');
  }
  const sheet = book.worksheets[0];
  if (sheet === undefined) throw new UnreadableFileError(null, 'the workbook has no sheets');
  const rows: FileRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push({ line, cells: Array.from(values, cellText) });
  });
  return rows;
}

/** What a person sees in the cell: rich text joined, a formula's result, a typed date (and time, when it has one). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof v !== 'object') return String(v);
  if ('result' in v) return cellText((v as { result: unknown }).result);
  if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if ('text' in v) return String((v as { text: unknown }).text);
  return String(v);
}
