import ExcelJS from 'exceljs';
import { neutraliseCsvCell } from '../../domain/disclosure/neutraliseCsvCell.ts';
import type { AnnexRow, BuiltReport, DataNote } from '../builtReport.ts';

/*
 * The report's data annex as a workbook: every figure as a row with its method and provenance, the data notes, and
 * what the report is. Pure: BuiltReport in, bytes out. Follows the explorer download (explorer/downloadFiles.ts):
 * creator Safer, a bold frozen header row, numbers as numbers, columns 10–40 characters wide.
 */

type Cell = string | number | null;

interface Column<T> {
  head: string;
  width: number;
  value: (row: T) => Cell;
  /** Excel number format; numbers keep full precision, the format only changes how they look. */
  numFmt?: string;
}

/**
 * Text that starts with = + - @ (or a tab or carriage return) gets a leading quote, as in CSV exports. Excel does not
 * run a text cell as a formula, but it does once the sheet is saved as CSV or the cell is edited and re-entered.
 */
const safe = (value: Cell): Cell => (typeof value === 'string' ? neutraliseCsvCell(value) : value);

/** An annex row with the date its block was answered as of (BuiltReport.asOf). */
type FigureRow = AnnexRow & { asOf: string | null };

const FIGURE_COLUMNS: Column<FigureRow>[] = [
  { head: 'Figure', width: 12, value: (r) => r.figure },
  { head: 'Block', width: 20, value: (r) => r.block },
  { head: 'Group', width: 24, value: (r) => r.group },
  { head: 'Count', width: 10, value: (r) => r.count, numFmt: '#,##0' },
  { head: 'Rate', width: 10, value: (r) => r.rate },
  { head: 'Lower limit', width: 12, value: (r) => r.lower },
  { head: 'Upper limit', width: 12, value: (r) => r.upper },
  // As printed in the report: the number, or the disclosure symbol where the count is suppressed.
  { head: 'Shown', width: 10, value: (r) => r.shown },
  { head: 'Method', width: 40, value: (r) => r.method },
  { head: 'Definition', width: 40, value: (r) => r.definition },
  { head: 'Definition version', width: 12, value: (r) => r.definitionVersion },
  { head: 'Source', width: 40, value: (r) => r.source },
  { head: 'Extract date', width: 12, value: (r) => r.extractDate },
  // Which data the figure was answered from, for comparing this workbook with a later build of the same report.
  { head: 'As of', width: 12, value: (r) => r.asOf },
];

const NOTE_COLUMNS: Column<DataNote>[] = [
  { head: 'Note', width: 10, value: (n) => n.number },
  { head: 'Used by', width: 20, value: (n) => n.usedBy.join(', ') },
  { head: 'Source', width: 40, value: (n) => n.source },
  { head: 'Extract dates', width: 14, value: (n) => n.extractDates.join(', ') },
  { head: 'Definition', width: 40, value: (n) => n.definition },
  { head: 'Definition version', width: 12, value: (n) => n.definitionVersion },
  { head: 'Method', width: 40, value: (n) => n.method },
  // One caveat a line, so each can be read (and wrapped) on its own.
  { head: 'Caveats', width: 60, value: (n) => n.caveats.join('\n') },
];

/** The marking on every printed page of every sheet (&C centre, &P page, &N pages), as in the other formats. */
function markPages(sheet: ExcelJS.Worksheet, report: BuiltReport): void {
  sheet.headerFooter = { oddHeader: `&C${report.marking}`, oddFooter: `&C${report.marking}&RPage &P of &N` };
}

/** A sheet with a bold, frozen, filterable header row and one row per item. */
function tableSheet<T>(workbook: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: readonly T[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.addRow(columns.map((c) => c.head)).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => safe(c.value(row))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
  });
  return sheet;
}

function aboutSheet(workbook: ExcelJS.Workbook, report: BuiltReport) {
  const sheet = workbook.addWorksheet('About');
  const lines: [string, Cell][] = [
    ['Title', report.title],
    ['Subtitle', report.subtitle],
    ['Area', `${report.area.name} (${report.area.code})`],
    ['Period', report.period],
    ['Compared with', report.compare],
    ['Edition', report.edition],
    ['Marking', report.marking],
    ['Built at', report.builtAt],
    ['Template', `${report.templateId} version ${report.templateVersion}`],
  ];
  for (const [label, value] of lines) sheet.addRow([label, safe(value)]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(['Attribution']).font = { bold: true };
  for (const line of report.attribution) sheet.addRow([null, safe(line)]);
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 100;
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return sheet;
}

export async function reportXlsx(report: BuiltReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Safer';
  workbook.title = report.title;
  workbook.subject = `${report.area.name}, ${report.period}`;
  // The build's time, not the rendering's, so the same build gives the same workbook properties.
  workbook.created = workbook.modified = new Date(report.builtAt);
  const sheets = [
    tableSheet(
      workbook,
      'Figures',
      FIGURE_COLUMNS,
      report.annex.map((row) => ({ ...row, asOf: report.asOf[row.block] ?? null })),
    ),
    tableSheet(workbook, 'Data notes', NOTE_COLUMNS, report.notes),
    aboutSheet(workbook, report),
  ];
  for (const sheet of sheets) markPages(sheet, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
