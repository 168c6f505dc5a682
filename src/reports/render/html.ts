import type { BuiltReport } from '../builtReport.ts';
import { aboutHtml, notesHtml } from './html/annex.ts';
import { type ReportAnchors, reportAnchors } from './html/anchors.ts';
import { figureHtml } from './html/figure.ts';
import { contentsEntries, contentsHtml, coverHtml, figureEntries, sectionHeading } from './html/front.ts';
import { escapeHtml } from './html/markup.ts';
import { narrativeHtml } from './html/narrative.ts';
import { reportCss } from './html/styles.ts';

/*
 * The report as HTML, from the BuiltReport alone: the body embedded in the service's GOV.UK page, and a standalone
 * document (the HTML download, and what Chromium prints to PDF in render/pdf.ts). Pure: no I/O, no JavaScript in
 * the output, no external resources.
 */

function sectionsHtml(report: BuiltReport, anchors: ReportAnchors, print: boolean): string {
  return report.sections
    .map((section, i) => {
      const id = anchors.sections[i]!;
      const blocks = section.blocks
        .map((block) =>
          block.kind === 'narrative' ? narrativeHtml(block) : figureHtml(block, anchors.figures.get(block)!, print),
        )
        .join('');
      return (
        `<section class="app-report-section" aria-labelledby="${id}">` +
        `<h2 class="govuk-heading-l" id="${id}">${escapeHtml(sectionHeading(section))}</h2>${blocks}</section>`
      );
    })
    .join('');
}

function articleHtml(report: BuiltReport, print: boolean, pages?: ReadonlyMap<string, number>): string {
  const anchors = reportAnchors(report);
  return (
    '<article class="app-report">' +
    contentsHtml(report, anchors, print ? (pages ?? new Map()) : undefined) +
    sectionsHtml(report, anchors, print) +
    notesHtml(report) +
    aboutHtml(report) +
    '</article>'
  );
}

/** The report's <article> (contents, numbered sections, data notes, attribution) for the service's GOV.UK page. */
export const reportBodyHtml = (report: BuiltReport): string => articleHtml(report, false);

/** The ids the printed contents links to, in order (sections, data notes, figures): their pages go in the contents. */
export function contentsTargets(report: BuiltReport): string[] {
  const anchors = reportAnchors(report);
  return [...contentsEntries(report, anchors), ...figureEntries(anchors)].map((entry) => entry.id);
}

export interface DocumentOptions {
  /** For print and PDF: cover page, contents page, each section on a new page, every table shown. */
  print: boolean;
  /** Print only: the page each contents target (contentsTargets) is printed on; left blank when absent. */
  pages?: ReadonlyMap<string, number>;
}

/** A complete standalone document (lang en-GB, embedded CSS, system fonts): the HTML download, or the PDF's source. */
export function reportDocumentHtml(report: BuiltReport, options: DocumentOptions): string {
  // In print the running header and footer carry the marking on every page (render/pdf.ts). On screen it stands
  // at the top (the cover's first line) and again at the bottom, in a footer so that it sits in a landmark.
  const body = options.print
    ? `${coverHtml(report)}<main>${articleHtml(report, true, options.pages)}</main>`
    : `${coverHtml(report)}<main>${articleHtml(report, false)}</main>` +
      `<footer class="app-report-footer"><p class="app-report-marking">${escapeHtml(report.marking)}</p></footer>`;
  return (
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(`${report.title}: ${report.subtitle}`)}</title>` +
    `<style>${reportCss(options.print)}</style></head>` +
    `<body class="app-report-document${options.print ? ' app-report-document--print' : ''}">${body}</body></html>\n`
  );
}
