import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csvLine } from '../../domain/csv/csvLine.ts';
import { parseQuarter, valuePeriod } from '../../domain/performance/indicatorPeriods.ts';
import type { RawEntry } from '../../domain/performance/returnValidation.ts';
import { describeUnit } from '../describeIndicator.ts';
import { type FieldProblem, PerformanceError } from '../performanceError.ts';
import type { ReturnDetail } from './returnQueries.ts';

/*
 * The return files Safer generates for an agency (CSV or XLSX, one row per indicator it asks for) and reading
 * them back into the same entries the form posts, so an upload goes through the same saveReturn checks. Every
 * problem names the file's line (the header is line 1) and column, as an import does.
 */

export const RETURN_FILE_COLUMNS = [
  'indicator_id',
  'indicator',
  'period',
  'unit',
  'value',
  'numerator',
  'denominator',
  'commentary',
] as const;
type Column = (typeof RETURN_FILE_COLUMNS)[number];

/** Rows the agency reads cover to cover: what is asked, for which period, and what it holds now. */
export function returnFileRows(ret: ReturnDetail): (string | number)[][] {
  const quarter = parseQuarter(ret.quarter);
  return ret.asks.map((i) => {
    const v = ret.current.get(i.id);
    return [
      i.id,
      i.name,
      valuePeriod(i.periodType, quarter).label,
      describeUnit(i.unit),
      v?.value ?? '',
      v?.numerator ?? '',
      v?.denominator ?? '',
      v?.commentary ?? '',
    ];
  });
}

export function returnFileCsv(ret: ReturnDetail): string {
  return [RETURN_FILE_COLUMNS, ...returnFileRows(ret)].map((r) => csvLine(r)).join('');
}

export async function returnFileXlsx(ret: ReturnDetail): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Return');
  sheet.addRow([...RETURN_FILE_COLUMNS]).font = { bold: true };
  for (const row of returnFileRows(ret)) sheet.addRow(row);
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 || i === 7 ? 50 : 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The entries of a return file and the line each indicator was on (to place saveReturn's problems). */
export interface ReadReturnFile {
  entries: Record<string, RawEntry>;
  lines: Map<string, number>;
}

const refuse = (problems: FieldProblem[]): never => {
  throw new PerformanceError('VALIDATION', 'the file has problems; nothing was saved', problems);
};

/** A CSV cell the writer neutralised ('=…' written as "'=…") reads back as typed. */
const unneutralise = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/** Reads an uploaded return file; XLSX by its zip signature, otherwise CSV (UTF-8, with or without a BOM). */
export async function readReturnFile(bytes: Buffer, ret: Pick<ReturnDetail, 'asks'>): Promise<ReadReturnFile> {
  const rows = bytes.subarray(0, 2).toString('latin1') === 'PK' ? await xlsxRows(bytes) : csvRows(bytes);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = RETURN_FILE_COLUMNS.filter((c) => !header.includes(c));
  const extra = header.filter((h) => h !== '' && !(RETURN_FILE_COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || extra.length > 0)
    refuse([
      {
        field: 'file',
        line: 1,
        column: missing[0] ?? extra[0],
        message: `The header must be ${RETURN_FILE_COLUMNS.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unknown ${extra.join(', ')}` : ''}`,
      },
    ]);
  const at = (row: string[], c: Column) => unneutralise((row[header.indexOf(c)] ?? '').trim());
  const asked = new Set(ret.asks.map((i) => i.id));
  const problems: FieldProblem[] = [];
  const result: ReadReturnFile = { entries: {}, lines: new Map() };
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    const id = at(row, 'indicator_id');
    const column = 'indicator_id';
    if (!asked.has(id))
      problems.push({ field: 'file', line, column, message: `"${id}" is not an indicator this return asks for` });
    else if (result.lines.has(id))
      problems.push({ field: 'file', line, column, message: `"${id}" is already on line ${result.lines.get(id)}` });
    else {
      result.lines.set(id, line);
      result.entries[id] = {
        value: at(row, 'value'),
        numerator: at(row, 'numerator'),
        denominator: at(row, 'denominator'),
        commentary: at(row, 'commentary'),
      };
    }
  });
  if (problems.length > 0) refuse(problems);
  return result;
}

function csvRows(bytes: Buffer): string[][] {
  try {
    return parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse([
      {
        field: 'file',
        line,
        message: `The file is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    refuse([{ field: 'file', message: 'The file is not a readable XLSX workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1);
    rows[n - 1] = values.map((v) =>
      v === null || v === undefined ? '' : typeof v === 'object' ? cellText(v) : String(v),
    );
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Rich text, formula results and hyperlinks read as the text a person sees. */
function cellText(v: object): string {
  if ('result' in v) return String((v as { result: unknown }).result ?? '');
  if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if ('text' in v) return String((v as { text: unknown }).text);
  return String(v);
}

const FIELD_COLUMN: Record<string, Column> = {
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  commentary: 'commentary',
};

/** saveReturn's problems placed in the file: the line of the indicator and the column of the field. */
export function placeInFile(problems: readonly FieldProblem[], lines: ReadonlyMap<string, number>): FieldProblem[] {
  return problems.map((p) => {
    const line = p.indicatorId === undefined ? undefined : lines.get(p.indicatorId);
    const column = FIELD_COLUMN[p.field];
    if (p.field === 'outlierNote' || p.needsConfirmation)
      return { ...p, line, column: 'value', message: `${p.message} (confirm it with a note in the form)` };
    if (line === undefined && p.indicatorId !== undefined)
      return { ...p, message: `${p.message} (the file has no line for ${p.indicatorId})` };
    return { ...p, line, column };
  });
}
