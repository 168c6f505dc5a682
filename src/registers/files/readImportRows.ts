import { type EntryValues, readEntryValues } from '../entryValues.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { checkHeader } from './checkHeader.ts';
import type { ImportProblems } from './importProblems.ts';
import { type FileFormat, readRegisterFile } from './readRegisterFile.ts';

/*
 * Every data row of a register file read with readEntryValues, the same reading a form gets, each problem kept with
 * its line and column. Blank rows (spreadsheets leave them) are skipped. A CSV row with another number of cells than
 * the header is a problem of its own; an XLSX row simply ends at its last filled cell.
 */

export interface ReadRow {
  line: number;
  values: EntryValues;
}

export async function readImportRows(
  register: RegisterDefinition,
  path: string,
  label: string,
  format: FileFormat,
  today: string,
  problems: ImportProblems,
): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  let names: (string | null)[] | null = null;
  for await (const batch of readRegisterFile(path, label, format)) {
    for (const record of batch) {
      if (names === null) {
        const header = checkHeader(register, record.cells, record.line);
        if (Array.isArray(header)) {
          for (const p of header) problems.add(p);
          return [];
        }
        names = header.names;
        continue;
      }
      const { line, cells } = record;
      if (cells.every((c) => c.trim() === '')) continue;
      if (format === 'csv' && cells.length !== names.length) {
        problems.add({
          line,
          column: null,
          message: `the row has ${cells.length} cells; the header has ${names.length}`,
        });
        continue;
      }
      if (cells.slice(names.length).some((c) => c.trim() !== '')) {
        problems.add({ line, column: null, message: `the row has cells beyond the header's ${names.length} columns` });
        continue;
      }
      const raw: Record<string, string> = {};
      for (let i = 0; i < names.length; i += 1) {
        const name = names[i];
        if (name) raw[name] = cells[i] ?? '';
      }
      const values = readEntryValues(register, raw, today);
      for (const p of values.problems) problems.add({ line, column: p.field, message: p.message });
      rows.push({ line, values });
    }
  }
  if (names === null) problems.add({ line: 1, column: null, message: 'the file is empty: it needs a header row' });
  else if (rows.length === 0 && problems.total === 0)
    problems.add({ line: 2, column: null, message: 'the file has a header but no rows' });
  return rows;
}
