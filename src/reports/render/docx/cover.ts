import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { BuiltReport } from '../../builtReport.ts';
import { editionText } from '../html/annex.ts';
import { formatDateTime } from '../html/markup.ts';

const line = (label: string, value: string) =>
  new Paragraph({
    spacing: { after: 120 },
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
  });

/**
 * The cover page: what, where, when, which edition and how it may be handled. Dates and the edition sentence come
 * from the HTML's helpers, so every format words them the same.
 */
export function coverParagraphs(report: BuiltReport): Paragraph[] {
  const period = report.compare === null ? report.period : `${report.period} compared with ${report.compare}`;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400 }, children: [new TextRun(report.title)] }),
    new Paragraph({ style: 'Subtitle', spacing: { after: 600 }, children: [new TextRun(report.subtitle)] }),
    line('Area', `${report.area.name} (${report.area.code})`),
    line('Period', period),
    line('Edition', editionText(report)),
    line('Marking', report.marking),
    line('Built', formatDateTime(report.builtAt)),
  ];
}
