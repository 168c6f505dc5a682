import { type EntryValues, readEntryValues } from '../entryValues.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { checkHeader } from './checkHeader.ts';
import type { ImportProblems } from './importProblems.ts';
import { type FileFormat, readRegisterFile, UnreadableFileError } from './readRegisterFile.ts';

/*
 * Every data row of a register file read with readEntryValues, the same reading a form gets, each problem kept with
 * its line and column, a batch at a time (about 1 MB of CSV) so an import checks and writes one batch while the
 * next is read, and never holds the whole file's values. Blank rows (spreadsheets leave them) are skipped. A CSV
 * row with another number of cells than the header is a problem of its own; an XLSX row simply ends at its last
 * filled cell. A file that cannot be read at all (not UTF-8, a broken quote) is a problem at the line where that
 * was found, and reading stops there.
 */

export interface ReadRow {
  line: number;
  values: EntryValues;
}

export async function* readImportBatches(
  register: RegisterDefinition,
  path: string,
  label: string,
  format: FileFormat,
  today: string,
  problems: ImportProblems,
): AsyncGenerator<ReadRow[]> {
  let names: (string | null)[] | null = null;
  let rowCount = 0;
  try {
    for await (const batch of readRegisterFile(path, label, format)) {
      const rows: ReadRow[] = [];
      for (const record of batch) {
        if (names === null) {
          const header = checkHeader(register, record.cells, record.line);
          if (Array.isArray(header)) {
            for (const p of header) problems.add(p);
            return;
          }
          names = header.names;
          continue;
        }
        const row = readRow(register, names, record.line, record.cells, format, today, problems);
        if (row) rows.push(row);
      }
      rowCount += rows.length;
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    problems.add({ line: error.line, column: null, message: error.message });
    return;
  }
  if (names === null) problems.add({ line: 1, column: null, message: 'the file is empty: it needs a header row' });
  else if (rowCount === 0 && problems.total === 0)
    problems.add({ line: 2, column: null, message: 'the file has a header but no rows' });
}

/** One data row's values, or null when it is blank or the wrong width (a problem is added for the latter). */
function readRow(
  register: RegisterDefinition,
  names: readonly (string | null)[],
  line: number,
  cells: readonly string[],
  format: FileFormat,
  today: string,
  problems: ImportProblems,
): ReadRow | null {
  if (cells.every((c) => c.trim() === '')) return null;
  if (format === 'csv' && cells.length !== names.length) {
    problems.add({ line, column: null, message: `the row has ${cells.length} cells; the header has ${names.length}` });
    return null;
  }
  for (let i = names.length; i < cells.length; i += 1)
    if ((cells[i] ?? '').trim() !== '') {
      problems.add({ line, column: null, message: `the row has cells beyond the header's ${names.length} columns` });
      return null;
    }
  const raw: Record<string, string> = {};
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i];
    if (name) raw[name] = cells[i] ?? '';
  }
  const values = readEntryValues(register, raw, today);
  for (const p of values.problems) problems.add({ line, column: p.field, message: p.message });
  return { line, values };
}
