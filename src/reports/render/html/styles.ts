/*
 * The standalone report's CSS: GOV.UK Frontend's typography, tables and lists, redone in a few rules so the
 * document needs no external file. "GDS Transport" is licensed for GOV.UK only, so arial/helvetica as GOV.UK's
 * own fallback. Print sizes are in points, as GOV.UK's print styles are.
 */

const BASE = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: arial, helvetica, sans-serif; color: #0b0c0c; background: #ffffff; font-size: 19px; line-height: 1.32; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.govuk-heading-xl, .govuk-heading-l, .govuk-heading-m, .govuk-heading-s { font-weight: 700; margin: 0 0 20px; }
.govuk-heading-xl { font-size: 48px; line-height: 1.04; margin-bottom: 40px; }
.govuk-heading-l { font-size: 36px; line-height: 1.11; margin-bottom: 30px; }
.govuk-heading-m { font-size: 24px; line-height: 1.25; margin-top: 30px; }
.govuk-heading-s { font-size: 19px; line-height: 1.32; margin-bottom: 15px; }
.govuk-body, .govuk-list { font-size: 19px; margin: 0 0 20px; }
.govuk-body-l { font-size: 24px; line-height: 1.25; margin: 0 0 30px; }
.govuk-body-s { font-size: 16px; line-height: 1.25; margin: 0 0 15px; }
.govuk-list { padding-left: 0; list-style: none; }
.govuk-list > li { margin-bottom: 5px; }
.govuk-list--bullet { list-style: disc; padding-left: 20px; }
.govuk-list--number { list-style: decimal; padding-left: 20px; }
.govuk-link { color: #1d70b8; text-decoration: underline; text-underline-offset: 0.16em; }
.govuk-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
.govuk-table { width: 100%; border-collapse: collapse; border-spacing: 0; font-size: 16px; line-height: 1.25; margin: 0 0 20px; }
.govuk-table__caption { text-align: left; font-weight: 700; font-size: 19px; margin-bottom: 10px; }
.govuk-table__header, .govuk-table__cell { padding: 8px 20px 8px 0; border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; }
.govuk-table__header { font-weight: 700; }
.govuk-table__header:last-child, .govuk-table__cell:last-child { padding-right: 0; }
.govuk-table__header--numeric, .govuk-table__cell--numeric { text-align: right; font-variant-numeric: tabular-nums; }
.govuk-details { margin: 0 0 20px; }
.govuk-details__summary { color: #1d70b8; cursor: pointer; text-decoration: underline; }
.govuk-details__text { padding: 15px 0 0 20px; border-left: 5px solid #b1b4b6; }
.govuk-summary-list { display: table; width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0 0 20px; }
.govuk-summary-list__row { display: table-row; }
.govuk-summary-list__key, .govuk-summary-list__value { display: table-cell; margin: 0; padding: 6px 20px 6px 0; vertical-align: top; border-bottom: 1px solid #b1b4b6; }
.govuk-summary-list--no-border .govuk-summary-list__key, .govuk-summary-list--no-border .govuk-summary-list__value { border-bottom: 0; padding-top: 2px; padding-bottom: 2px; }
.govuk-summary-list__key { width: 25%; font-weight: 700; }
.govuk-summary-list__value .govuk-list { margin: 0; }
.app-report-marking { text-align: center; font-weight: 700; margin: 40px 0 0; }
.app-report-cover__marking { display: inline-block; font-weight: 700; font-size: 19px; border: 3px solid #0b0c0c; padding: 4px 10px; margin: 0 0 30px; }
.app-report-section, .app-report-notes, .app-report-about { margin-top: 50px; }
.app-report-figure { margin: 0 0 40px; padding: 0; }
.app-report-figure__graphic { margin: 0 0 10px; }
.app-report-figure__graphic svg { display: block; width: 100%; height: auto; }
.app-report-figure__statement { font-weight: 700; }
.app-report-figure__unavailable { border-left: 5px solid #b1b4b6; padding-left: 15px; }
.app-report-note .govuk-heading-s { margin: 20px 0 5px; }
.app-report-contents__list > li { margin-bottom: 8px; }
.app-report-marked { border: 2px solid #d4351c; padding: 0 4px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.app-report-marked__label { font-weight: 700; color: #d4351c; }
`;

/**
 * Print layout: page breaks, point sizes, links with their address. Two rules are there for Chromium's PDF
 * bookmarks, which it takes from the headings: a heading whose margin collapses into a forced page break is
 * named twice ("1. Summary1. Summary"), which the 1px padding prevents; and a heading wrapped over lines loses
 * the space at each wrap ("needsassessment") unless spaces are preserved (pre-wrap).
 */
const PRINT = `
body { font-size: 11pt; }
.govuk-heading-xl { font-size: 30pt; }
.govuk-heading-l { font-size: 20pt; margin-bottom: 16pt; }
.govuk-heading-m { font-size: 15pt; margin: 14pt 0 8pt; }
.govuk-heading-s, .govuk-table__caption { font-size: 12pt; margin-bottom: 6pt; }
.govuk-body, .govuk-list { font-size: 11pt; margin-bottom: 9pt; }
.govuk-body-l { font-size: 15pt; }
.govuk-body-s, .govuk-table { font-size: 9.5pt; }
.govuk-link { color: #0b0c0c; }
a.govuk-link[href^="http"]::after, a.govuk-link[href^="mailto:"]::after { content: " (" attr(href) ")"; font-size: 90%; word-wrap: break-word; }
.app-report-section, .app-report-notes, .app-report-contents { break-before: page; margin-top: 0; padding-top: 1px; }
h1, h2, h3, h4 { white-space: pre-wrap; }
.app-report-about { margin-top: 24pt; break-inside: avoid; }
.app-report-figure { break-inside: avoid; margin-bottom: 20pt; }
.app-report-figure__graphic svg { max-height: 130mm; }
h2, h3, h4, figcaption, caption { break-after: avoid; }
tr, .app-report-note { break-inside: avoid; }
thead { display: table-header-group; }
p, li { orphans: 3; widows: 3; }
`;

/** The printed document's own parts: a cover page and a contents page whose numbers line up on the right. */
const PRINT_DOCUMENT = `
.app-report-cover { padding-top: 30mm; }
.app-report-cover__title { margin-top: 20mm; }
.app-report-cover__facts { margin-top: 30mm; }
.app-report-contents__link { display: flex; align-items: baseline; text-decoration: none; }
.app-report-contents__text { flex: 0 1 auto; }
.app-report-contents__leader { flex: 1 1 auto; min-width: 2em; margin: 0 6pt; border-bottom: 1px dotted #505a5f; }
.app-report-contents__page { flex: 0 0 3em; text-align: right; }
`;

const SCREEN_DOCUMENT = `
@media screen { .app-report-document { max-width: 960px; margin: 0 auto; padding: 30px 15px; } }
`;

export function reportCss(print: boolean): string {
  // The PDF's margins come from the printer (render/pdf.ts) with room for the running header and footer; a reader
  // printing the HTML download gets A4 with plain margins.
  return print
    ? `@page { size: A4; }${BASE}${PRINT}${PRINT_DOCUMENT}`
    : `@page { size: A4; margin: 20mm 18mm; }${BASE}${SCREEN_DOCUMENT}@media print {${PRINT}}`;
}
