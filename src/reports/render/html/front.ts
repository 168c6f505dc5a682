import type { BuiltReport } from '../../builtReport.ts';
import { CONTENTS_ID, NOTES_ID, type ReportAnchors } from './anchors.ts';
import { editionText, summaryRow } from './annex.ts';
import { escapeHtml, formatDateTime } from './markup.ts';

/** Section headings read "1. Executive summary" in the contents and in the text alike. */
export const sectionHeading = (section: { number: string; title: string }): string =>
  `${section.number}. ${section.title}`;

/** Contents entries: every numbered section, then the data notes annex. */
export function contentsEntries(report: BuiltReport, anchors: ReportAnchors): { id: string; text: string }[] {
  return [
    ...report.sections.map((s, i) => ({ id: anchors.sections[i]!, text: sectionHeading(s) })),
    { id: NOTES_ID, text: 'Data notes' },
  ];
}

/**
 * The contents list. With `pages` (print), each entry carries the page its heading is printed on; the PDF
 * renderer measures those and prints again. An entry without its number yet keeps the same box, so filling the
 * numbers in cannot move anything on the page.
 */
export function contentsHtml(report: BuiltReport, anchors: ReportAnchors, pages?: ReadonlyMap<string, number>): string {
  const items = contentsEntries(report, anchors).map(({ id, text }) => {
    if (pages === undefined) return `<li><a class="govuk-link" href="#${escapeHtml(id)}">${escapeHtml(text)}</a></li>`;
    const page = pages.get(id);
    return (
      `<li class="app-report-contents__entry"><a class="govuk-link app-report-contents__link" href="#${escapeHtml(id)}">` +
      `<span class="app-report-contents__text">${escapeHtml(text)}</span><span class="app-report-contents__leader" aria-hidden="true"></span>` +
      `<span class="app-report-contents__page">${page ?? ''}</span></a></li>`
    );
  });
  return (
    `<nav class="app-report-contents" aria-labelledby="${CONTENTS_ID}"><h2 class="govuk-heading-m" id="${CONTENTS_ID}">Contents</h2>` +
    `<ol class="govuk-list app-report-contents__list">${items.join('')}</ol></nav>`
  );
}

/** What the report is: title, area, period, edition, marking, build. The cover page in print. */
export function coverHtml(report: BuiltReport): string {
  const period = report.compare === null ? report.period : `${report.period}, compared with ${report.compare}`;
  const rows = [
    summaryRow('Area', `${escapeHtml(report.area.name)} (${escapeHtml(report.area.code)})`),
    summaryRow('Period', escapeHtml(period)),
    summaryRow('Edition', escapeHtml(editionText(report))),
    summaryRow('Classification', `<strong>${escapeHtml(report.marking)}</strong>`),
    summaryRow('Built', escapeHtml(formatDateTime(report.builtAt))),
  ];
  return (
    '<header class="app-report-cover">' +
    `<p class="app-report-cover__marking">${escapeHtml(report.marking)}</p>` +
    `<h1 class="govuk-heading-xl app-report-cover__title">${escapeHtml(report.title)}</h1>` +
    `<p class="govuk-body-l app-report-cover__subtitle">${escapeHtml(report.subtitle)}</p>` +
    `<dl class="govuk-summary-list app-report-cover__facts">${rows.join('')}</dl></header>`
  );
}
