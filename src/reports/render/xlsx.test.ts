import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltReport } from '../builtReport.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import { reportXlsx } from './xlsx.ts';

async function workbookOf(report: BuiltReport): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // A copy as a plain ArrayBuffer: exceljs declares its own Buffer type, which Node's Buffer does not satisfy.
  await workbook.xlsx.load(new Uint8Array(await reportXlsx(report)).buffer);
  return workbook;
}

/** A row's cell values as a 0-based array, empty cells as null (exceljs gives a sparse array from index 1). */
const values = (sheet: ExcelJS.Worksheet, row: number) =>
  Array.from((sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1), (v) => v ?? null);

const HEADS = [
  'Figure',
  'Block',
  'Group',
  'Count',
  'Rate',
  'Lower limit',
  'Upper limit',
  'Shown',
  'Method',
  'Definition',
  'Definition version',
  'Source',
  'Extract date',
  'As of',
];

describe('reportXlsx', () => {
  let internal: ExcelJS.Workbook;
  let publicEdition: ExcelJS.Workbook;
  beforeAll(async () => {
    [internal, publicEdition] = await Promise.all([workbookOf(sampleReport()), workbookOf(sampleReport('public'))]);
  });

  it('has the Figures, Data notes and About sheets', () => {
    expect(internal.worksheets.map((s) => s.name)).toEqual(['Figures', 'Data notes', 'About']);
    expect(internal.creator).toBe('Safer');
    expect(internal.title).toBe('Serious violence strategic needs assessment');
  });

  it('writes one row per annex row, numbers as numbers and nulls as empty cells', () => {
    const sheet = internal.getWorksheet('Figures')!;
    expect(sheet.rowCount).toBe(3);
    expect(values(sheet, 1)).toEqual(HEADS);
    expect(values(sheet, 2)).toEqual([
      'Table 1',
      'vap-headline',
      'Tower Hamlets',
      9812,
      30.5,
      29.9,
      31.1,
      '9,812',
      'Rate per 1,000 residents (Census 2021), 95% Byar limits',
      'category:Violence Against the Person',
      null,
      'MPS borough counts (London Datastore)',
      '2026-03-01',
    ]);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    // Grouped for reading; the value keeps full precision.
    expect(sheet.getCell('D2').numFmt).toBe('#,##0');
    expect(sheet.getCell('K2').type).toBe(ExcelJS.ValueType.Null);
    expect(values(sheet, 3).slice(0, 8)).toEqual(['Figure 2', 'victim-age', '0–17', 5, null, null, null, '5']);
    expect(sheet.getCell('K3').value).toBe(3);
    // A live build (the sample) has no as-of dates.
    expect(sheet.getCell('N2').type).toBe(ExcelJS.ValueType.Null);
  });

  it('leaves a suppressed count empty and shows the symbol in the public edition', () => {
    const sheet = publicEdition.getWorksheet('Figures')!;
    expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getCell('H3').value).toBe('*');
    // The unsuppressed count is still a number.
    expect(sheet.getCell('D2').value).toBe(9812);
  });

  it('makes the header row bold, frozen and filterable', () => {
    const sheet = internal.getWorksheet('Figures')!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A2').font?.bold).not.toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:N3');
  });

  it('lists the data notes', () => {
    const sheet = internal.getWorksheet('Data notes')!;
    expect(values(sheet, 1)).toEqual([
      'Note',
      'Used by',
      'Source',
      'Extract dates',
      'Definition',
      'Definition version',
      'Method',
      'Caveats',
    ]);
    expect(values(sheet, 2).slice(0, 4)).toEqual([
      1,
      'Table 1, Figure 1',
      'MPS borough counts (London Datastore)',
      '2026-03-01',
    ]);
    expect(values(sheet, 3)).toEqual([
      2,
      'Figure 2',
      'Partner police records (SYNTHETIC)',
      '2026-02-28',
      'Serious violence (Tower Hamlets)',
      3,
      'Shares of victims with a recorded age, 95% Wilson limits',
      'SYNTHETIC: partner records in this database are generated test data, not real people',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('says what the report is, with its marking and attribution', () => {
    const about = (workbook: ExcelJS.Workbook) => {
      const sheet = workbook.getWorksheet('About')!;
      return Array.from({ length: sheet.rowCount }, (_, i) => values(sheet, i + 1));
    };
    expect(about(internal)).toEqual([
      ['Title', 'Serious violence strategic needs assessment'],
      ['Subtitle', 'Tower Hamlets, 2023/24 compared with 2022/23'],
      ['Area', 'Tower Hamlets (E09000030)'],
      ['Period', '2023/24'],
      ['Compared with', '2022/23'],
      ['Edition', 'internal'],
      ['Marking', 'OFFICIAL'],
      ['Built at', '2026-12-06T12:00:00.000Z'],
      ['Template', 'sna version 1'],
      [],
      ['Attribution'],
      [null, 'Contains public sector information licensed under the Open Government Licence v3.0'],
    ]);
    expect(about(publicEdition)).toContainEqual(['Marking', 'OFFICIAL (PUBLIC EDITION)']);
    expect(about(publicEdition)).toContainEqual(['Edition', 'public']);
  });

  it('prints the marking in the page header and footer of every sheet', async () => {
    const zip = await JSZip.loadAsync(await reportXlsx(sampleReport('public')));
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(3);
    for (const name of sheets) {
      const xml = await zip.file(name)!.async('string');
      expect(xml).toContain('<oddHeader>&amp;COFFICIAL (PUBLIC EDITION)</oddHeader>');
      expect(xml).toMatch(/<oddFooter>&amp;COFFICIAL \(PUBLIC EDITION\)&amp;RPage &amp;P of &amp;N<\/oddFooter>/);
    }
  });

  it('neutralises text a spreadsheet would run as a formula, and keeps negative numbers as numbers', async () => {
    const report = sampleReport();
    report.annex[0]!.group = '=1+1';
    report.annex[0]!.rate = -3.2;
    report.notes[0]!.source = '@SUM(A1)';
    report.attribution = ['+44 20 7946 0000'];
    const workbook = await workbookOf(report);
    const group = workbook.getWorksheet('Figures')!.getCell('C2');
    expect(group.type).toBe(ExcelJS.ValueType.String);
    expect(group.value).toBe("'=1+1");
    expect(group.formula).toBeUndefined();
    expect(workbook.getWorksheet('Figures')!.getCell('E2').value).toBe(-3.2);
    expect(workbook.getWorksheet('Data notes')!.getCell('C2').value).toBe("'@SUM(A1)");
    expect(workbook.getWorksheet('About')!.getCell('B12').value).toBe("'+44 20 7946 0000");
  });

  it('gives each figure the date a published build answered it as of', async () => {
    const report = sampleReport();
    report.asOf = { 'vap-headline': '2026-03-01', 'victim-age': '2026-02-28' };
    const sheet = (await workbookOf(report)).getWorksheet('Figures')!;
    expect([sheet.getCell('N2').value, sheet.getCell('N3').value]).toEqual(['2026-03-01', '2026-02-28']);
  });

  it('writes the header rows of a report with no figures', async () => {
    const workbook = await workbookOf({ ...sampleReport(), notes: [], annex: [], attribution: [] });
    const figures = workbook.getWorksheet('Figures')!;
    expect(figures.rowCount).toBe(1);
    expect(values(figures, 1)).toEqual(HEADS);
    expect(figures.autoFilter).toBe('A1:N1');
    expect(workbook.getWorksheet('Data notes')!.rowCount).toBe(1);
  });
});
