import { ImageRun, InternalHyperlink, Paragraph, type ParagraphChild, type Table, TextRun } from 'docx';
import type { Chart } from '../../../charts/chart.ts';
import { rasteriseSvg } from '../../../charts/svgToPng.ts';
import type { FigureBlock } from '../../builtReport.ts';
import { noteBookmark } from './notes.ts';
import { wordTable } from './table.ts';

/** The text width of an A4 page with Word's default 1 inch margins, in pixels at 96 to the inch (9,026 twips). */
const TEXT_WIDTH_PX = 600;

/**
 * The image's alternative text. Word shows only the description in its Alt Text pane and most screen readers read
 * only that, so it carries the title too; the title alone goes in the image's title.
 */
export const altTextOf = (chart: Chart) => ({
  name: chart.id,
  title: chart.title,
  description: `${chart.title}. ${chart.description}`,
});

/** The chart as a PNG (Word has no dependable SVG support), no wider than the text. */
function chartImage(chart: Chart): Paragraph {
  const { png, width, height } = rasteriseSvg(chart.svg);
  const scale = Math.min(1, TEXT_WIDTH_PX / width);
  return new Paragraph({
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
        altText: altTextOf(chart),
      }),
    ],
  });
}

/** Worded as the HTML's line, so every format says the same. */
const suppressedText = (cells: number) =>
  `${cells === 1 ? '1 number is' : `${cells} numbers are`} withheld in this edition (disclosure control) to protect people who could be identified.`;

/** "Data notes: 1, 2", each number a link to its note in the annex (Ctrl+click in Word). */
function notesLine(notes: readonly number[]): Paragraph {
  const links = notes.flatMap((n, i): ParagraphChild[] => [
    ...(i > 0 ? [new TextRun(', ')] : []),
    new InternalHyperlink({
      anchor: noteBookmark(n),
      children: [new TextRun({ text: String(n), style: 'Hyperlink' })],
    }),
  ]);
  return new Paragraph({ children: [new TextRun('Data notes: '), ...links] });
}

/**
 * One figure block, in the order a reader needs it: caption ("Figure 1: …", in Word's Caption style so a table of
 * figures can be built from it), the headline statement, the chart, the same numbers as a table, then which data
 * notes it draws on. A figure that could not be produced keeps its caption and says why, so numbering still reads on.
 */
export function figureParagraphs(block: FigureBlock): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(`${block.label}: ${block.title}`)] }),
  ];
  if (block.unavailable !== null) {
    out.push(
      new Paragraph({ children: [new TextRun({ text: 'Unavailable: ', bold: true }), new TextRun(block.unavailable)] }),
    );
  } else {
    if (block.statement !== null)
      out.push(new Paragraph({ children: [new TextRun({ text: block.statement, bold: true })] }));
    if (block.chart !== null) {
      out.push(chartImage(block.chart));
      // The description is printed too, as in the HTML: sighted readers get the chart's message in words as well.
      out.push(new Paragraph({ children: [new TextRun(block.chart.description)] }));
    }
    if (block.table.head.length > 0) out.push(wordTable(block.table));
    if (block.suppressedCells > 0) {
      out.push(new Paragraph({ children: [new TextRun(suppressedText(block.suppressedCells))] }));
    }
  }
  if (block.notes.length > 0) out.push(notesLine(block.notes));
  return out;
}
