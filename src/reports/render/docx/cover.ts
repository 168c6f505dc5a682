import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { BuiltReport } from '../../builtReport.ts';

const EDITION: Record<BuiltReport['edition'], string> = {
  internal: 'Internal edition: small numbers are shown; not for publication',
  public: 'Public edition: every source’s disclosure rule applied',
};

/** "6 December 2026 at 12:00", in UK time: readers of a CSP report are in the UK, whatever the server's zone. */
export const builtDate = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(new Date(iso));

const line = (label: string, value: string) =>
  new Paragraph({
    spacing: { after: 120 },
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
  });

/** The cover page: what, where, when, which edition and how it may be handled. */
export function coverParagraphs(report: BuiltReport): Paragraph[] {
  const period = report.compare === null ? report.period : `${report.period} compared with ${report.compare}`;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400 }, children: [new TextRun(report.title)] }),
    new Paragraph({ style: 'Subtitle', spacing: { after: 600 }, children: [new TextRun(report.subtitle)] }),
    line('Area', `${report.area.name} (${report.area.code})`),
    line('Period', period),
    line('Edition', EDITION[report.edition]),
    line('Marking', report.marking),
    line('Built', builtDate(report.builtAt)),
  ];
}
