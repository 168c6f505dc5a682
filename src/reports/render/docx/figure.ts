import { ImageRun, Paragraph, TextRun, type Table } from 'docx';
import type { Chart } from '../../../charts/chart.ts';
import { rasteriseSvg } from '../../../charts/svgToPng.ts';
import type { FigureBlock } from '../../builtReport.ts';
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

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

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
    if (block.chart !== null) out.push(chartImage(block.chart));
    if (block.table.head.length > 0) out.push(wordTable(block.table));
    if (block.suppressedCells > 0) {
      out.push(
        new Paragraph({
          children: [
            new TextRun(
              `${plural(block.suppressedCells, 'small number is', 'small numbers are')} hidden by disclosure control in this edition.`,
            ),
          ],
        }),
      );
    }
  }
  if (block.notes.length > 0) {
    out.push(new Paragraph({ children: [new TextRun(`Data notes: ${block.notes.join(', ')}`)] }));
  }
  return out;
}
