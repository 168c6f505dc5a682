import type { BuiltReport } from '../../builtReport.ts';
import { escapeHtml } from './markup.ts';

/*
 * Chromium's running header and footer for the PDF (page.pdf headerTemplate/footerTemplate). They are laid out
 * apart from the document, with none of its CSS and a tiny default font, so every style is given inline.
 * Chromium fills the spans of class pageNumber and totalPages.
 */

const FONT = 'font-family: arial, helvetica, sans-serif; font-size: 8pt; color: #0b0c0c;';

/** The classification marking, centred at the top of every page (as the classification scheme asks), then the title. */
export const runningHeader = (report: BuiltReport): string =>
  `<div style="${FONT} width: 100%; margin: 0 18mm; text-align: center;">` +
  `<div style="font-weight: 700;">${escapeHtml(report.marking)}</div>` +
  `<div style="color: #505a5f;">${escapeHtml(report.title)}</div></div>`;

/** The marking again at the bottom, centred, and "Page N of M" on the right. */
export const runningFooter = (report: BuiltReport): string =>
  `<div style="${FONT} width: 100%; margin: 0 18mm; display: flex;">` +
  '<span style="flex: 1;"></span>' +
  `<span style="flex: 1; text-align: center; font-weight: 700;">${escapeHtml(report.marking)}</span>` +
  '<span style="flex: 1; text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>';
