import type { BuiltReport } from '../builtReport.ts';
import type { ReportBrowser } from './chromium.ts';
import { reportDocx } from './docx.ts';
import { reportDocumentHtml } from './html.ts';
import { reportPdf } from './pdf.ts';
import { reportXlsx } from './xlsx.ts';

/** The formats a built report is published in; every one renders the same BuiltReport. */
export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Reads a comma-separated list of formats ("html,pdf"), refusing unknown ones by name. */
export function parseFormats(list: string): ReportFormat[] {
  const asked = list
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  const unknown = asked.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || asked.length === 0)
    throw new RangeError(
      `format: ${unknown.length > 0 ? `unknown ${unknown.map((f) => `"${f}"`).join(', ')}` : 'none given'}; choose from ${REPORT_FORMATS.join(', ')}`,
    );
  return [...new Set(asked)] as ReportFormat[];
}

/** One format's bytes. `browser` lets several PDFs share one Chromium. */
export async function renderReport(
  report: BuiltReport,
  format: ReportFormat,
  options: { browser?: ReportBrowser; chromiumPath?: string } = {},
): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(reportDocumentHtml(report, { print: false }), 'utf8');
    case 'pdf':
      return reportPdf(report, options);
    case 'docx':
      return reportDocx(report);
    case 'xlsx':
      return reportXlsx(report);
  }
}

/** A file name people can read: sna-tower-hamlets-2023-24-internal.pdf. */
export function reportFileName(report: BuiltReport, format: ReportFormat): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${slug(report.templateId)}-${slug(report.area.name)}-${slug(report.period)}-${report.edition}.${format}`;
}
