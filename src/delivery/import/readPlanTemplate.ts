import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { TEMPLATE_SHEET } from '../export/planTemplate.ts';
import { decodeUtf8 } from './decodeUtf8.ts';
import { parsePlanTemplate, type TemplateRow } from './parsePlanTemplate.ts';
import { type ParsedPlan, PlanImportError } from './parsedPlan.ts';

/*
 * Safer's plan template from its bytes: XLSX when it starts as a zip does, otherwise CSV (UTF-8, with or without a
 * BOM). Both become rows of text with the place each came from ("line 7", 'sheet "Plan", row 7'), so the one
 * parser (parsePlanTemplate.ts) names the place of every problem in words the file's writer can find.
 */

export async function readPlanTemplate(bytes: Uint8Array, file: string): Promise<ParsedPlan> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return parsePlanTemplate(isZip ? await xlsxRows(bytes, file) : csvRows(bytes, file), file);
}

/** A CSV cell the writer neutralised ('=…' written as "'=…") reads back as it was typed. */
const unneutralise = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

function csvRows(bytes: Uint8Array, file: string): TemplateRow[] {
  const text = decodeUtf8(bytes, file);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new PlanImportError(file, 1, 'the file is empty');
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      raw: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new PlanImportError(file, line, `not a readable CSV file: ${(error as Error).message}`);
  }
  // A record starts on the line after the previous one ends; its raw text holds the line breaks inside its cells.
  let next = 1;
  return records.map(({ record, raw }) => {
    const line = next;
    next += (raw.match(/\n/g)?.length ?? 0) + 1;
    return { line, at: `line ${line}`, cells: record.map(unneutralise) };
  });
}

async function xlsxRows(bytes: Uint8Array, file: string): Promise<TemplateRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new PlanImportError(file, null, 'not a readable XLSX workbook: save it again from the spreadsheet program');
  }
  const sheet = book.getWorksheet(TEMPLATE_SHEET) ?? book.worksheets[0];
  if (sheet === undefined) throw new PlanImportError(file, null, 'the workbook has no sheets');
  const rows: TemplateRow[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push({ line: n, at: `sheet "${sheet.name}", row ${n}`, cells: Array.from(values, cellText) });
  });
  return rows;
}

/** What a person sees in the cell: rich text joined, formula results, a typed date as YYYY-MM-DD. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v !== 'object') return String(v);
  if ('result' in v) return cellText((v as { result: unknown }).result);
  if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if ('text' in v) return String((v as { text: unknown }).text);
  return String(v);
}
