import { Bookmark, HeadingLevel, Paragraph, TextRun } from 'docx';
import type { BuiltReport, DataNote } from '../../builtReport.ts';
import { editionText } from '../html/annex.ts';
import { formatDate, formatDateTime } from '../html/markup.ts';
import { BULLET_LIST, type ListCounter } from './narrative.ts';

/** A note's bookmark, the target of the figures' "Data notes: 1" links (Word allows letters and digits). */
export const noteBookmark = (n: number): string => `DataNote${n}`;

/** "Label: value" on one line, the label bold so the eye can run down the labels. */
const labelled = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });

function note(n: DataNote, lists: ListCounter): Paragraph[] {
  const definition = n.definitionVersion === null ? n.definition : `${n.definition} (version ${n.definitionVersion})`;
  const out = [
    // Not a heading: a long annex would crowd the table of contents; keepNext holds the number to its lines.
    new Paragraph({
      keepNext: true,
      children: [
        new Bookmark({ id: noteBookmark(n.number), children: [new TextRun({ text: `Note ${n.number}`, bold: true })] }),
      ],
    }),
    labelled('Used by', n.usedBy.length > 0 ? n.usedBy.join(', ') : 'none'),
    labelled('Source', n.source),
    labelled('Extract dates', n.extractDates.length > 0 ? n.extractDates.map(formatDate).join(', ') : 'not recorded'),
    labelled('Definition', definition),
    labelled('Method', n.method),
  ];
  if (n.caveats.length > 0) {
    out.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Caveats:', bold: true })] }));
    const instance = lists.next();
    for (const caveat of n.caveats) {
      out.push(
        new Paragraph({ numbering: { reference: BULLET_LIST, level: 0, instance }, children: [new TextRun(caveat)] }),
      );
    }
  }
  return out;
}

/** The numbered data notes annex the figures refer to ("Data notes: 1, 2"). */
export function notesAnnex(report: BuiltReport, lists: ListCounter): Paragraph[] {
  if (report.notes.length === 0) return [];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun('Data notes')] }),
    ...report.notes.flatMap((n) => note(n, lists)),
  ];
}

const paragraph = (text: string) => new Paragraph({ children: [new TextRun(text)] });

/** "About this report", worded as the HTML's: how and when it was built, the edition, as-of dates, licences. */
export function aboutParagraphs(report: BuiltReport): Paragraph[] {
  const asOf = [...new Set(Object.values(report.asOf))].sort();
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('About this report')] }),
    paragraph(
      `Built on ${formatDateTime(report.builtAt)} from template ${report.templateId}, version ${report.templateVersion}. ${editionText(report)}`,
    ),
    ...(asOf.length > 0
      ? [
          paragraph(
            `This is a published build: its figures were answered as of the extract dates ${asOf.map(formatDate).join(', ')} and do not change when newer data is imported.`,
          ),
        ]
      : []),
    ...report.attribution.map(paragraph),
  ];
}
