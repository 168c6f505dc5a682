import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { ChartTable } from '../../../charts/chart.ts';
import { cellText } from '../html/markup.ts';

/**
 * A chart's numbers as a real Word table: the header row repeats on every page the table runs onto (and tells screen
 * readers which cells are headings), numeric columns are right aligned as on the web pages (chart.njk). Cells are
 * written as the HTML writes them (charts give formatted strings, "9,812", "17.3%"; a bare number gets en-GB grouping),
 * so Word shows what the page shows.
 */
export function wordTable(table: ChartTable): Table {
  const align = (column: number) => (table.numeric[column] ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const cell = (text: string, column: number, bold: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: align(column), children: [new TextRun({ text, bold })] })],
    });
  const header = new TableRow({
    tableHeader: true,
    // A row split over two pages is hard to read; the table still breaks between rows.
    cantSplit: true,
    children: table.head.map((head, i) => cell(head, i, true)),
  });
  const body = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        // The first cell names the row (as the page's <th scope="row">).
        children: row.map((value, i) => cell(cellText(value), i, i === 0)),
      }),
  );
  return new Table({
    rows: [header, ...body],
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.AUTOFIT,
  });
}
