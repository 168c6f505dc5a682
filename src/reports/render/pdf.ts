import type { Page } from 'playwright-core';
import { loadConfig } from '../../config.ts';
import type { BuiltReport } from '../builtReport.ts';
import { type ReportBrowser, withReportBrowser } from './chromium.ts';
import { contentsTargets, reportDocumentHtml } from './html.ts';
import { runningFooter, runningHeader } from './html/pageMargins.ts';

export interface ReportPdfOptions {
  /** The Chromium to print with; the configured one (SAFER_CHROMIUM) when absent. */
  chromiumPath?: string;
  /** A browser the caller keeps open across several reports (and closes); one is opened per call when absent. */
  browser?: ReportBrowser;
}

/**
 * Prints the report's print document to an A4 PDF with Chromium: running header and footer with the marking,
 * "Page N of M", bookmarks from the headings (outline) and a tagged structure for assistive technology.
 */
export async function reportPdf(report: BuiltReport, options: ReportPdfOptions = {}): Promise<Buffer> {
  if (options.browser) return options.browser.usePage((page) => printReport(page, report));
  return withReportBrowser(options.chromiumPath ?? loadConfig().chromiumPath, (browser) =>
    browser.usePage((page) => printReport(page, report)),
  );
}

/** Two passes settle it (the numbers fill boxes kept for them); the third is there should a layout ever move. */
const MAX_PASSES = 3;

/**
 * CSS cannot number the contents, so print once without the numbers, read from the PDF which page each heading
 * the contents links to landed on, fill those in and print again, until a print confirms its own numbers.
 */
async function printReport(page: Page, report: BuiltReport): Promise<Buffer> {
  const targets = contentsTargets(report);
  let pages = new Map<string, number>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    await page.setContent(reportDocumentHtml(report, { print: true, pages }), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: runningHeader(report),
      footerTemplate: runningFooter(report),
      margin: { top: '22mm', bottom: '20mm', left: '18mm', right: '18mm' },
      outline: true,
      tagged: true,
    });
    const found = destinationPages(pdf, targets);
    if (pass > 1 && targets.every((id) => found.get(id) === pages.get(id))) return pdf;
    pages = found;
  }
  throw new Error(`the contents page numbers did not settle after ${MAX_PASSES} prints`);
}

/**
 * The page (1-based) of each named destination in a PDF that Chromium (Skia) wrote: Chromium names every element
 * an internal link points at in the catalogue's /Dests, each with its page object, and /Pages lists the page
 * objects in order. Skia writes a classic cross-reference table and plain (uncompressed) dictionaries for these,
 * so they are read straight from the bytes; anything else is refused loudly rather than numbered wrongly.
 */
export function destinationPages(pdf: Buffer, names: string[]): Map<string, number> {
  const text = pdf.toString('latin1');
  const object = pdfObjectReader(text);
  const root = refIn(/\/Root\s+(\d+)\s+\d+\s+R/, text.slice(text.lastIndexOf('trailer')), 'trailer /Root');
  const catalog = object(root);
  const order = new Map<number, number>();
  const walk = (n: number): void => {
    const node = object(n);
    if (/\/Type\s*\/Pages\b/.test(node))
      for (const kid of (/\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '').matchAll(/(\d+)\s+\d+\s+R/g))
        walk(Number(kid[1]));
    else if (/\/Type\s*\/Page\b/.test(node)) order.set(n, order.size + 1);
  };
  walk(refIn(/\/Pages\s+(\d+)\s+\d+\s+R/, catalog, 'catalogue /Pages'));
  const dests = object(refIn(/\/Dests\s+(\d+)\s+\d+\s+R/, catalog, 'catalogue /Dests'));
  const byName = new Map<string, number>();
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*(?:<<\s*\/D\s*)?\[\s*(\d+)\s+\d+\s+R/g)) {
    const name = m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    const pageNumber = order.get(Number(m[2]));
    if (pageNumber !== undefined) byName.set(name, pageNumber);
  }
  const missing = names.filter((name) => !byName.has(name));
  if (missing.length) throw new Error(`the PDF names no page for ${missing.join(', ')}`);
  return new Map(names.map((name) => [name, byName.get(name)!]));
}

function refIn(pattern: RegExp, text: string, what: string): number {
  const m = pattern.exec(text);
  if (!m) throw new Error(`cannot read the PDF: no ${what}`);
  return Number(m[1]);
}

/** Object number → its text, through the cross-reference table that startxref points at. */
function pdfObjectReader(text: string): (n: number) => string {
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? Number.NaN);
  if (!Number.isInteger(start) || !text.startsWith('xref', start))
    throw new Error('cannot read the PDF: no classic cross-reference table');
  const offsets = new Map<number, number>();
  let next = 0;
  for (const line of text.slice(start + 4, text.indexOf('trailer', start)).split(/\r\n|\r|\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 2) next = Number(fields[0]);
    else if (fields.length === 3) {
      if (fields[2] === 'n') offsets.set(next, Number(fields[0]));
      next++;
    }
  }
  return (n) => {
    const at = offsets.get(n);
    if (at === undefined || !text.startsWith(`${n} 0 obj`, at)) throw new Error(`cannot read the PDF: object ${n}`);
    return text.slice(at, text.indexOf('endobj', at));
  };
}
