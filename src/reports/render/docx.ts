import {
  AlignmentType,
  Document,
  type FileChild,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  StyleLevel,
  TableOfContents,
  TextRun,
} from 'docx';
import { type BuiltReport, type BuiltSection, figureBlocks } from '../builtReport.ts';
import { coverParagraphs } from './docx/cover.ts';
import { figureParagraphs } from './docx/figure.ts';
import { BULLET_LIST, type ListCounter, listCounter, narrativeParagraphs, ORDERED_LIST } from './docx/narrative.ts';
import { aboutParagraphs, notesAnnex } from './docx/notes.ts';
import { markedFooter, markedHeader } from './docx/pageFrame.ts';

/*
 * The report as a Word document, for partners who edit or re-badge it. Pure: BuiltReport in, bytes out. Everything a
 * reader navigates by is a real Word structure (heading styles, a TOC field, captions, tables with header rows,
 * images with alternative text), so Word's navigation pane, its accessibility checker and screen readers work.
 */

/** Arial 11 pt, the size GOV.UK and most CSPs use for documents; sizes in half-points. */
const FONT = 'Arial';

function sectionParagraphs(section: BuiltSection, lists: ListCounter): FileChild[] {
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new TextRun(`${section.number} ${section.title}`)],
    }),
    ...section.blocks.flatMap((block) =>
      block.kind === 'narrative' ? narrativeParagraphs(block, lists) : figureParagraphs(block),
    ),
  ];
}

/** The list of figures and tables, built from the Caption style (\\t), as the printed HTML lists them after the contents. */
const figuresList = (report: BuiltReport): FileChild[] =>
  figureBlocks(report).length === 0
    ? []
    : [
        new Paragraph({ style: 'TOCHeading', children: [new TextRun('Figures and tables')] }),
        new TableOfContents('Figures and tables', {
          hyperlink: true,
          stylesWithLevels: [new StyleLevel('Caption', 1)],
        }),
      ];

const listLevel = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
  level: 0,
  format,
  text,
  alignment: AlignmentType.START,
  style: { paragraph: { indent: { left: 720, hanging: 360 } } },
});

export async function reportDocx(report: BuiltReport): Promise<Buffer> {
  const lists = listCounter();
  const children: FileChild[] = [
    ...coverParagraphs(report),
    new Paragraph({ style: 'TOCHeading', pageBreakBefore: true, children: [new TextRun('Contents')] }),
    // Written dirty with updateFields below: Word fills in the entries and page numbers when the file is opened.
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }),
    ...figuresList(report),
    ...report.sections.flatMap((s) => sectionParagraphs(s, lists)),
    ...notesAnnex(report, lists),
    ...aboutParagraphs(report),
  ];
  const document = new Document({
    creator: 'Safer',
    title: report.title,
    subject: `${report.area.name}, ${report.period}`,
    description: `${report.subtitle}. ${report.marking}.`,
    features: { updateFields: true },
    styles: {
      default: {
        // British English, for Word's spelling and for screen readers' pronunciation.
        document: {
          run: { font: FONT, size: 22, language: { value: 'en-GB' } },
          paragraph: { spacing: { after: 160 } },
        },
        title: { run: { font: FONT, size: 48, bold: true, color: '000000' } },
        heading1: {
          run: { font: FONT, size: 36, bold: true, color: '000000' },
          paragraph: { spacing: { after: 240 } },
        },
        heading3: { run: { font: FONT, size: 26, bold: true, color: '000000' }, paragraph: { keepNext: true } },
        heading4: { run: { font: FONT, size: 22, bold: true, color: '000000' }, paragraph: { keepNext: true } },
        caption: { run: { font: FONT, size: 22, bold: true, italics: false, color: '000000' } },
        hyperlink: { run: { color: '1D70B8', underline: {} } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 32 } },
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: 36, bold: true } },
      ],
    },
    numbering: {
      config: [
        { reference: ORDERED_LIST, levels: [listLevel(LevelFormat.DECIMAL, '%1.')] },
        { reference: BULLET_LIST, levels: [listLevel(LevelFormat.BULLET, '•')] },
      ],
    },
    sections: [
      {
        headers: { default: markedHeader(report.marking) },
        footers: { default: markedFooter(report.marking) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
