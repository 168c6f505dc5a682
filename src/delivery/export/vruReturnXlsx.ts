import ExcelJS from 'exceljs';
import type { PlanView } from '../planQueries.ts';
import { planRows, SECTION_TITLES, themeLabel } from './planRows.ts';

/*
 * The VRU action-plan return as the VRU circulates it: one sheet, the two-line heading of seed 001's table
 * ("Ref | Violence and Vulnerability Actions | Borough Notes / Updates", then "Theme | Action No | … Action |
 * <borough> Update"), one row per action with this round's update, sections for optional actions and emerging
 * themes. Plain text in cells (line breaks kept, wrapped), so a partner can paste it back into the VRU template.
 */

export const VRU_HEAD = ['Theme', 'Action No', 'Violence Reduction Unit (VRU) Action', 'Update', 'Section'] as const;

export async function vruReturnXlsx(plan: PlanView, borough: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = plan.title;
  const sheet = book.addWorksheet('Action plan return', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [{ width: 28 }, { width: 10 }, { width: 70 }, { width: 80 }, { width: 18 }];
  sheet.addRow(['Ref', '', 'Violence and Vulnerability Actions', 'Borough Notes / Updates', '']).font = { bold: true };
  const head = sheet.addRow([VRU_HEAD[0], VRU_HEAD[1], VRU_HEAD[2], `${borough} Update`, VRU_HEAD[4]]);
  head.font = { bold: true };
  for (const r of planRows(plan)) {
    const row = sheet.addRow([
      themeLabel(r),
      r.number,
      `${'    '.repeat(r.depth)}${r.wording}`,
      r.update,
      SECTION_TITLES[r.section],
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads an exported return back: the rows under the two heading lines, as text. */
export async function readVruReturnXlsx(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (sheet === undefined) return [];
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n <= 2) return;
    rows.push([1, 2, 3, 4, 5].map((c) => String(row.getCell(c).value ?? '')));
  });
  return rows;
}
