import type { BuiltReport } from '../../builtReport.ts';
import { CONTENTS_ID, NOTES_ID, type ReportAnchors } from './anchors.ts';
import { editionText, summaryRow } from './annex.ts';
import { escapeHtml, formatDateTime } from './markup.ts';

/** Section headings read "1. Executive summary" in the contents and in the text alike. */
export const sectionHeading = (section: { number: string; title: string }): string =>
  `${section.number}. ${section.title}`;

export interface ContentsEntry {
  /** The id of the heading or figure the entry links to. */
  id: string;
  text: string;
}

/** Contents entries: every numbered section, then the data notes annex. */
export function contentsEntries(report: BuiltReport, anchors: ReportAnchors): ContentsEntry[] {
  return [
    ...report.sections.map((s, i) => ({ id: anchors.sections[i]!, text: sectionHeading(s) })),
    { id: NOTES_ID, text: 'Data notes' },
  ];
}

/** The printed list of figures and tables, by their captions ("Figure 1: …"). */
export function figureEntries(anchors: ReportAnchors): ContentsEntry[] {
  return [...anchors.figures].map(([block, id]) => ({ id, text: `${block.label}: ${block.title}` }));
}

/** A printed entry: text, dotted leader, page number. Without its number yet it keeps the same box. */
const printedEntry = ({ id, text }: ContentsEntry, page: number | undefined): string =>
  `<li class="app-report-contents__entry"><a class="govuk-link app-report-contents__link" href="#${escapeHtml(id)}">` +
  `<span class="app-report-contents__text">${escapeHtml(text)}</span><span class="app-report-contents__leader" aria-hidden="true"></span>` +
  `<span class="app-report-contents__page">${page ?? ''}</span></a></li>`;

/**
 * The contents list. On screen, links to the sections and the notes. In print (`pages` given) each entry carries
 * the page it is printed on, and the figures and tables are listed too: the PDF renderer prints once, reads
 * where each target landed and prints again with the numbers, which go into boxes already kept for them, so
 * filling them in cannot move anything on the page.
 */
export function contentsHtml(report: BuiltReport, anchors: ReportAnchors, pages?: ReadonlyMap<string, number>): string {
  const entries = contentsEntries(report, anchors);
  const heading = `<h2 class="govuk-heading-m" id="${CONTENTS_ID}">Contents</h2>`;
  if (pages === undefined) {
    const items = entries.map(
      ({ id, text }) => `<li><a class="govuk-link" href="#${escapeHtml(id)}">${escapeHtml(text)}</a></li>`,
    );
    return `<nav class="app-report-contents" aria-labelledby="${CONTENTS_ID}">${heading}<ol class="govuk-list app-report-contents__list">${items.join('')}</ol></nav>`;
  }
  const list = (items: ContentsEntry[]): string =>
    `<ol class="govuk-list app-report-contents__list">${items.map((e) => printedEntry(e, pages.get(e.id))).join('')}</ol>`;
  const figures = figureEntries(anchors);
  return (
    `<nav class="app-report-contents" aria-labelledby="${CONTENTS_ID}">${heading}${list(entries)}` +
    (figures.length ? `<h3 class="govuk-heading-s">Figures and tables</h3>${list(figures)}` : '') +
    '</nav>'
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
