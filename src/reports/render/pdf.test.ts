import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium } from '../../../e2e/browser.ts';
import { loadConfig } from '../../config.ts';
import type { BuiltReport, BuiltSection, FigureBlock } from '../builtReport.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import { openReportBrowser, type ReportBrowser, withReportBrowser } from './chromium.ts';
import { contentsTargets, reportDocumentHtml } from './html.ts';
import { destinationPages, reportPdf } from './pdf.ts';

const CHROMIUM = loadConfig().chromiumPath;
// As e2e/browser.ts: in CI the browser is installed, so a missing one fails there instead of skipping.
if (process.env.CI === 'true' && !existsSync(CHROMIUM))
  throw new Error(`${CHROMIUM} is missing: .ci/run should have installed Debian chromium`);

/** Kept after the run, for a person to look at: the PDFs and each page as a PNG. */
const OUT = resolve('test-results/report-pages');

const poppler = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });
const pageText = (file: string, page: number): string =>
  poppler('pdftotext', '-layout', '-f', String(page), '-l', String(page), file, '-');

/** Chromium processes this test process started and has not ended (playwright launches them as its children). */
function chromiumChildren(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [, name, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat) ?? [];
        return /chrom/i.test(name ?? '') && Number(rest?.split(' ')[1]) === process.pid;
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

/** The first page after page `after` with a line that is exactly `heading` (a section heading, a figure caption). */
const pageOf = (pages: string[], after: number, heading: string): number =>
  pages.findIndex((text, i) => i + 1 > after && text.split('\n').some((line) => line.trim() === heading)) + 1;

/**
 * The contents as printed: its pages run from the one headed "Contents" to the one before the first section's
 * heading (which the contents shows followed by its page number, so never as a line of its own); each entry is a
 * line ending in two or more spaces and a number.
 */
function contentsOf(pages: string[], firstSection: string) {
  const first = pages.findIndex((text) => /^Contents$/m.test(text)) + 1;
  const last = pageOf(pages, first, firstSection) - 1;
  const entries = pages
    .slice(first - 1, last)
    .flatMap((text) => [...text.matchAll(/^(\S.*?)\s{2,}(\d+)$/gm)])
    .map((m) => ({ heading: m[1]!, page: Number(m[2]) }));
  return { first, last, entries };
}

/**
 * A long report from the sample's blocks: `count` sections, each with a paragraph (long in every fourth, so those
 * sections run over several pages), a table and a chart, so the contents (sections, notes, figures) fills pages.
 */
function longReport(count: number): BuiltReport {
  const sample = sampleReport();
  const table = sample.sections[0]!.blocks[1] as FigureBlock;
  const bars = sample.sections[1]!.blocks[1] as FigureBlock;
  const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(' ');
  const sections: BuiltSection[] = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return {
      id: `area-${n}`,
      number: String(n),
      title: `Area ${n} profile`,
      blocks: [
        {
          kind: 'narrative',
          id: `text-${n}`,
          elements: [{ kind: 'paragraph', content: [{ kind: 'text', text: words(n % 4 === 0 ? 900 : 40) }] }],
        },
        { ...table, id: `headline-${n}`, label: `Table ${n}`, title: `Headline ${n}` },
        { ...bars, id: `bars-${n}`, label: `Figure ${n}`, title: `Victims by age ${n}` },
      ],
    };
  });
  return { ...sample, sections };
}

interface Printed {
  file: string;
  pdf: Buffer;
  pages: string[];
  info: string;
}

function inspect(pdf: Buffer, name: string): Printed {
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = poppler('pdfinfo', file);
  const count = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
  return { file, pdf, info, pages: Array.from({ length: count }, (_, i) => pageText(file, i + 1)) };
}

describe.skipIf(!existsSync(CHROMIUM))('reportPdf: the sample report printed by Chromium', () => {
  let internal: Printed;
  let publicEdition: Printed;
  let browser: ReportBrowser | undefined;
  let renderMs = 0;

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const started = performance.now();
    // No options: the configured Chromium, one browser for this call, closed before it returns.
    internal = inspect(await reportPdf(sampleReport()), 'sample-internal');
    renderMs = performance.now() - started;
    console.log(`sample report to PDF: ${Math.round(renderMs)} ms, Chromium start included`);
    browser = await openReportBrowser(CHROMIUM);
    publicEdition = inspect(await reportPdf(sampleReport('public'), { browser }), 'sample-public');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is A4, tagged, script-free, and has the six pages worked out by hand', () => {
    // Cover (1), contents (2), section 1 (3), section 2 (4: Figure 1 and its table; 5: Figure 2 and Table 2,
    // since figures are not split and the two do not fit on one page), data notes (6).
    expect(internal.info).toMatch(/^Page size:\s+595\.9\d? x 842\.8\d? pts \(A4\)$/m);
    expect(internal.info).toMatch(/^Pages:\s+6$/m);
    expect(internal.info).toMatch(/^Tagged:\s+yes$/m);
    expect(internal.info).toMatch(/^JavaScript:\s+no$/m);
    expect(internal.info).toMatch(/^Title:\s+Serious violence strategic needs assessment: Tower Hamlets/m);
    expect(internal.pages).toHaveLength(6);
  });

  it('carries the sample numbers', () => {
    const text = internal.pages.join('\n');
    for (const number of ['9,812', '30.5', '1,234', '17.3%', '29.9', '31.1']) expect(text).toContain(number);
    expect(text).toContain('This figure could not be produced: no data for knife injury victims');
  });

  it('has the marking in the header and the footer of every page, and "Page N of M" in the footer', () => {
    internal.pages.forEach((text, i) => {
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      expect(lines[0]!.trim(), `page ${i + 1} header`).toBe('OFFICIAL');
      expect(lines[1]!.trim(), `page ${i + 1} header`).toBe('Serious violence strategic needs assessment');
      expect(lines.at(-1)!.trim(), `page ${i + 1} footer`).toMatch(new RegExp(`^OFFICIAL\\s+Page ${i + 1} of 6$`));
    });
  });

  it('numbers the contents with the pages the headings are printed on', () => {
    const { first, last, entries } = contentsOf(internal.pages, '1. Executive summary');
    expect([first, last]).toEqual([2, 2]);
    expect(entries).toEqual([
      { heading: '1. Executive summary', page: 3 },
      { heading: '2. Violence profile', page: 4 },
      { heading: 'Data notes', page: 6 },
      { heading: 'Table 1: Violence against the person, Tower Hamlets, 2023/24', page: 3 },
      { heading: 'Figure 1: Robbery by month, Tower Hamlets', page: 4 },
      { heading: 'Figure 2: Victims by age, Tower Hamlets, 2023/24', page: 5 },
      { heading: 'Table 2: Knife injury victims aged 1–24', page: 5 },
    ]);
    for (const { heading, page } of entries) expect(pageOf(internal.pages, last, heading), heading).toBe(page);
  });

  it('has bookmarks for the headings and working internal links from the contents and figures', () => {
    const raw = internal.pdf.toString('latin1');
    expect(raw).toMatch(/\/Type \/Outlines/);
    // One bookmark per heading, each named once and in full (see the print styles for the two Chromium quirks).
    const bookmarks = [...raw.matchAll(/\/Title \(([^)]*)\)\s*\/Dest/g)].map((m) => m[1]).sort();
    expect(bookmarks).toEqual(
      [
        'Serious violence strategic needs assessment',
        'Contents',
        'Figures and tables',
        '1. Executive summary',
        'Key findings',
        '2. Violence profile',
        'Data notes',
        'Note 1',
        'Note 2',
        'About this report',
      ].sort(),
    );
    // Links from the contents (3 + 4 figures) and from the figures' "Data notes" (Table 1, Figures 1 and 2) go to named
    // destinations; the narrative's web link keeps its address.
    expect(raw.match(/\/Subtype \/Link\b/g)!.length).toBeGreaterThanOrEqual(11);
    expect(raw.match(/\/Dest \/[\w-]+/g)!.sort()).toEqual([
      '/Dest /data-notes',
      '/Dest /figure-knife-injury',
      '/Dest /figure-robbery-trend',
      '/Dest /figure-vap-headline',
      '/Dest /figure-victim-age',
      '/Dest /note-1',
      '/Dest /note-1',
      '/Dest /note-2',
      '/Dest /section-summary',
      '/Dest /section-violence',
    ]);
    expect(raw).toContain('/URI (https://www.gov.uk/government/publications/serious-violence-duty)');
    // The destinations resolve to the pages the headings are on (the numbers the contents was filled from).
    expect(Object.fromEntries(destinationPages(internal.pdf, contentsTargets(sampleReport())))).toEqual({
      'section-summary': 3,
      'section-violence': 4,
      'data-notes': 6,
      'figure-vap-headline': 3,
      'figure-robbery-trend': 4,
      'figure-victim-age': 5,
      'figure-knife-injury': 5,
    });
    expect(destinationPages(internal.pdf, ['note-2']).get('note-2')).toBe(6);
  });

  it('tags the headings, the tables and each chart with its text alternative', () => {
    const raw = internal.pdf.toString('latin1');
    const tags = (tag: string): number => raw.match(new RegExp(`/S /${tag}\\b`, 'g'))?.length ?? 0;
    // h1: the title; h2: Contents, two sections, Data notes, About this report; h3: Figures and tables, Key
    // findings, Note 1, Note 2; three tables (the knife-injury figure has none).
    expect([tags('H1'), tags('H2'), tags('H3'), tags('Table')]).toEqual([1, 5, 4, 3]);
    expect(raw).toContain(
      '/Alt (Robbery by month, Tower Hamlets Robbery rose from 1,100 in April 2023 to 1,234 in March 2024.)',
    );
    // The bar chart's alternative has an en dash ("0–17"), so it is written in UTF-16 (hex).
    expect(raw.match(/\/Alt <FEFF[0-9A-F]+>/g)).toHaveLength(1);
  });

  it('refuses to number from a PDF it cannot read', () => {
    expect(() => destinationPages(Buffer.from('%PDF-1.4\n%%EOF'), ['data-notes'])).toThrow(/cannot read the PDF/);
    expect(() => destinationPages(internal.pdf, ['no-such-section'])).toThrow(
      'the PDF names no page for no-such-section',
    );
  });

  it('prints the public edition marking on every page', () => {
    expect(publicEdition.pages).toHaveLength(6);
    publicEdition.pages.forEach((text, i) => {
      expect(text.match(/OFFICIAL \(PUBLIC EDITION\)/g)?.length, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(text).not.toMatch(/OFFICIAL(?! \(PUBLIC EDITION\))/);
    });
    expect(publicEdition.pages.join('\n')).toContain('1 number is withheld in this edition');
  });

  it('renders each page to a PNG kept in test-results/report-pages', () => {
    poppler('pdftoppm', '-png', '-r', '50', internal.file, join(OUT, 'sample-internal'));
    for (let page = 1; page <= 6; page++) {
      const png = join(OUT, `sample-internal-${page}.png`);
      expect(statSync(png).size, png).toBeGreaterThan(1000);
      expect(readFileSync(png).subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    }
    expect(existsSync(join(OUT, 'sample-internal-7.png'))).toBe(false);
  });

  it('keeps the charts as vector drawings with real text', () => {
    // No raster image anywhere (pdfimages lists none: only its two heading lines), and the charts' axis and
    // legend words are text on Figure 1's page.
    expect(poppler('pdfimages', '-list', internal.file).trim().split('\n')).toHaveLength(2);
    for (const word of ['Apr 2023', 'Mar 2024', 'Special cause signal', 'Control limits'])
      expect(internal.pages[3]).toContain(word);
  });

  it("repeats a long table's column headings on every page it runs over", async () => {
    const report = sampleReport();
    const headline = report.sections[0]!.blocks[1] as FigureBlock;
    headline.table.rows = Array.from({ length: 90 }, (_, i) => [`Ward ${i + 1}`, String(i + 1), '', '']);
    const printed = inspect(await reportPdf(report, { browser }), 'long-table');
    const withRows = printed.pages.filter((text) => /^\s*Ward \d+\s/m.test(text));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const text of withRows) expect(text).toMatch(/^Measure\s+Value\s+Lower 95% limit\s+Upper 95% limit$/m);
    expect(withRows.join('\n').match(/^\s*Ward \d+\s/gm)).toHaveLength(90);
  });

  it('numbers a contents running over several pages, with sections of several pages, right too', async () => {
    const count = 24;
    const printed = inspect(await reportPdf(longReport(count), { browser }), 'long-internal');
    // Past eight pages Skia files the pages in a tree of /Pages nodes, which destinationPages has to walk.
    expect(printed.pdf.toString('latin1').match(/\/Type \/Pages\b/g)!.length).toBeGreaterThan(2);
    const { first, last, entries } = contentsOf(printed.pages, '1. Area 1 profile');
    expect(first).toBe(2);
    expect(last).toBeGreaterThan(first);
    const n = Array.from({ length: count }, (_, i) => i + 1);
    expect(entries.map((e) => e.heading)).toEqual([
      ...n.map((k) => `${k}. Area ${k} profile`),
      'Data notes',
      ...n.flatMap((k) => [`Table ${k}: Headline ${k}`, `Figure ${k}: Victims by age ${k}`]),
    ]);
    for (const { heading, page } of entries) expect(pageOf(printed.pages, last, heading), heading).toBe(page);
    // The long sections take more than one page, so the sections' pages are not simply one apart.
    const steps = entries.slice(1, count).map((e, i) => e.page - entries[i]!.page);
    expect(Math.max(...steps)).toBeGreaterThan(1);
  });

  it('prints standalone documents that pass axe (WCAG 2.2 AA: no serious or critical problem)', async () => {
    const chrome = await launchChromium();
    try {
      const page = await chrome.newPage();
      for (const print of [false, true]) {
        await page.setContent(reportDocumentHtml(sampleReport(), { print }));
        await expectAccessible(page);
      }
    } finally {
      await chrome.close();
    }
  });

  it('leaves no Chromium running after a print, nor after a failure', async () => {
    expect(chromiumChildren().length).toBeGreaterThan(0); // the shared browser of this file is still open
    await browser!.close();
    browser = undefined;
    expect(chromiumChildren()).toEqual([]);
    await expect(
      withReportBrowser(CHROMIUM, async () => {
        expect(chromiumChildren().length).toBeGreaterThan(0);
        throw new Error('the template broke');
      }),
    ).rejects.toThrow('the template broke');
    expect(chromiumChildren()).toEqual([]);
  });
});

describe('reportPdf: which Chromium', () => {
  it('is /usr/bin/chromium unless SAFER_CHROMIUM says otherwise', () => {
    expect(loadConfig({}).chromiumPath).toBe('/usr/bin/chromium');
    expect(loadConfig({ SAFER_CHROMIUM: '/opt/chromium/chrome' }).chromiumPath).toBe('/opt/chromium/chrome');
    expect(() => loadConfig({ SAFER_CHROMIUM: '' })).toThrow(/SAFER_CHROMIUM/);
  });

  it('fails with the launch error when that Chromium is not there', async () => {
    await expect(reportPdf(sampleReport(), { chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(
      /\/nonexistent\/chromium/,
    );
  });
});
