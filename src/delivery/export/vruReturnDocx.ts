import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PlanView } from '../planQueries.ts';
import { type PlanRow, planRows, type RowSection, SECTION_TITLES, themeLabel } from './planRows.ts';

/*
 * The VRU action-plan return as a Word document: the plan's title, then per section (core, optional, emerging) and
 * theme a heading and a table of action number, action and the borough's update, as the VRU's template lays them
 * out. Line breaks in the text become paragraphs of the cell; "• " items stay as typed.
 */

const cellParagraphs = (text: string, bold = false) =>
  (text === '' ? [''] : text.split('\n')).map(
    (line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }),
  );

const cell = (text: string, width: number, bold = false) =>
  new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: cellParagraphs(text, bold) });

function themeTable(rows: readonly PlanRow[], borough: string): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell('Action No', 10, true),
          cell('Violence Reduction Unit (VRU) Action', 45, true),
          cell(`${borough} Update`, 45, true),
        ],
      }),
      ...rows.map((r) => new TableRow({ children: [cell(r.number, 10), cell(r.wording, 45), cell(r.update, 45)] })),
    ],
  });
}

export async function vruReturnDocx(plan: PlanView, borough: string): Promise<Buffer> {
  const rows = planRows(plan);
  const children: (Paragraph | Table)[] = [new Paragraph({ text: plan.title, heading: HeadingLevel.TITLE })];
  for (const section of ['core', 'optional', 'emerging'] as const satisfies readonly RowSection[]) {
    const inSection = rows.filter((r) => r.section === section);
    if (inSection.length === 0) continue;
    children.push(new Paragraph({ text: SECTION_TITLES[section], heading: HeadingLevel.HEADING_1 }));
    for (const theme of [...new Set(inSection.map(themeLabel))]) {
      children.push(new Paragraph({ text: theme, heading: HeadingLevel.HEADING_2 }));
      children.push(
        themeTable(
          inSection.filter((r) => themeLabel(r) === theme),
          borough,
        ),
      );
    }
  }
  const doc = new Document({ title: plan.title, creator: 'Safer', sections: [{ children }] });
  return Packer.toBuffer(doc);
}
