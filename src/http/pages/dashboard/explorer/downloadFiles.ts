import ExcelJS from 'exceljs';
import { csvLine } from '../../../../domain/csv/csvLine.ts';
import type { NoteLine } from './exportNotes.ts';
import type { FlatTable } from './figureRows.ts';

/**
 * The CSV: the table first (one header row, one row per figure, full
 * precision), then a blank line and the notes, so the attribution and the
 * disclosure note travel with the numbers. Every cell goes through csvCell,
 * which neutralises text a spreadsheet would run as a formula.
 */
export function csvBody(table: FlatTable, notes: readonly NoteLine[]): string {
  let body = csvLine(table.columns.map((c) => c.key));
  for (const row of table.rows) body += csvLine(row.map((v) => (typeof v === 'boolean' ? String(v) : v)));
  body += '\r\n';
  for (const [label, text] of notes) body += csvLine([label, text]);
  return body;
}

/** The XLSX: a "Data" sheet (header row, numbers as numbers) and a "Notes" sheet; SYNTHETIC data is marked on both. */
export async function xlsxBuffer(
  table: FlatTable,
  notes: readonly NoteLine[],
  title: string,
  synthetic: boolean,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Safer';
  workbook.title = title;
  const data = workbook.addWorksheet('Data');
  data.addRow(table.columns.map((c) => c.head)).font = { bold: true };
  for (const row of table.rows) data.addRow(row.map((v) => (typeof v === 'boolean' ? String(v) : v)));
  data.views = [{ state: 'frozen', ySplit: 1 }];
  data.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, (table.columns[i]?.head.length ?? 8) + 2));
  });
  if (synthetic) {
    // Said again below the table, so a copied data sheet still carries the warning.
    data.addRow([]);
    data.addRow(['SYNTHETIC: generated test data, not real people']).font = { bold: true };
  }
  const sheet = workbook.addWorksheet('Notes');
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  for (const [label, text] of notes) sheet.addRow([label, text]);
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 110;
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// The PNG download is rasterised as the Word report's charts are.
export { pngFromSvg } from '../../../../charts/svgToPng.ts';

/** A stand-alone SVG file: the XML declaration, then the chart exactly as the page shows it. */
export const svgFile = (svg: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
