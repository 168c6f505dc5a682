import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { BuiltReport, DataNote } from '../../builtReport.ts';
import { BULLET_LIST, type ListCounter } from './narrative.ts';

/** "Label: value" on one line, the label bold so the eye can run down the labels. */
const labelled = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });

function note(n: DataNote, lists: ListCounter): Paragraph[] {
  const definition = n.definitionVersion === null ? n.definition : `${n.definition} (version ${n.definitionVersion})`;
  const out = [
    // Not a heading: a long annex would crowd the table of contents; keepNext holds the number to its lines.
    new Paragraph({ keepNext: true, children: [new TextRun({ text: `Note ${n.number}`, bold: true })] }),
    labelled('Used by', n.usedBy.length > 0 ? n.usedBy.join(', ') : 'none'),
    labelled('Source', n.source),
    labelled('Extract dates', n.extractDates.length > 0 ? n.extractDates.join(', ') : 'not recorded'),
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

/** The licence and provenance lines every format ends with. */
export function attributionParagraphs(report: BuiltReport): Paragraph[] {
  if (report.attribution.length === 0) return [];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Attribution')] }),
    ...report.attribution.map((line) => new Paragraph({ children: [new TextRun(line)] })),
  ];
}
