import { describe, expect, it } from 'vitest';
import type { BuiltReport, FigureBlock, Inline } from '../builtReport.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import { contentsTargets, reportBodyHtml, reportDocumentHtml } from './html.ts';

/* The HTML is generated with escaped text and attributes (no '>' inside a tag), so regular expressions can read it. */

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

/** Every start tag is closed in order (SVG self-closing tags aside): a mismatch returns where it went wrong. */
function unbalancedTags(html: string): string | null {
  const open: string[] = [];
  for (const m of html.replace(/<!DOCTYPE html>/, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing || VOID.has(name!.toLowerCase())) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return `</${name}> at ${m.index}`;
  }
  return open.length ? `unclosed <${open.at(-1)}>` : null;
}

const attributeValues = (html: string, name: string): string[] =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

const figureHtmlOf = (html: string, id: string): string => {
  const m = new RegExp(`<figure class="app-report-figure" id="figure-${id}">.*?</figure>`, 's').exec(html);
  if (!m) throw new Error(`no figure-${id}`);
  return m[0];
};

const count = (html: string, text: string): number => html.split(text).length - 1;

/** A copy of the sample with hostile text wherever people's words reach the report (the shared sample stays clean). */
function hostileReport(): BuiltReport {
  const report = structuredClone(sampleReport());
  const hostile: Inline[] = [
    { kind: 'text', text: 'Evil <script>alert(1)</script> and "quotes" & ampersands ' },
    { kind: 'link', text: 'click me', href: 'javascript:alert(1)' },
    { kind: 'link', text: 'tabbed link', href: 'java\tscript:alert(2)' },
    { kind: 'link', text: 'data link', href: 'data:text/html,<b>x</b>' },
    { kind: 'link', text: 'relative link', href: '/sign-out' },
    { kind: 'link', text: 'query', href: 'https://example.org/a?b=1&c="2"' },
    { kind: 'link', text: 'write to us', href: 'mailto:csp@example.org' },
    { kind: 'strong', text: '<img src=x onerror=alert(3)>' },
  ];
  report.sections[0]!.blocks.unshift({
    kind: 'narrative',
    id: 'hostile',
    elements: [{ kind: 'paragraph', content: hostile }],
  });
  report.sections[0]!.title = 'Summary <b onmouseover="x">';
  report.title = 'Report <script>alert(4)</script>';
  report.attribution.push('Licence "A" & <b>');
  const figure = report.sections[0]!.blocks.find((b): b is FigureBlock => b.kind === 'figure')!;
  figure.table.rows.push(['<i>row</i>', '"1"', '', '']);
  return report;
}

describe('reportBodyHtml and reportDocumentHtml: escaping', () => {
  const report = hostileReport();
  const outputs = {
    body: reportBodyHtml(report),
    document: reportDocumentHtml(report, { print: false }),
    print: reportDocumentHtml(report, { print: true }),
  };

  it.each(Object.entries(outputs))(
    '%s: escapes every text, runs no script and links only to http(s) and mailto',
    (_, html) => {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img|<b>|<i>|<b /i);
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot; &amp; ampersands ');
      expect(html).toContain('<strong>&lt;img src=x onerror=alert(3)&gt;</strong>');
      expect(html).toContain('1. Summary &lt;b onmouseover=&quot;x&quot;&gt;');
      expect(html).toContain('Licence &quot;A&quot; &amp; &lt;b&gt;');
      expect(html).toContain('<th scope="row" class="govuk-table__header">&lt;i&gt;row&lt;/i&gt;</th>');
      // Unsafe links keep their words, without a link.
      for (const text of ['click me', 'tabbed link', 'data link', 'relative link']) {
        expect(html).toContain(text);
        expect(html).not.toContain(`>${text}</a>`);
      }
      expect(html).toContain('<a class="govuk-link" href="https://example.org/a?b=1&amp;c=%222%22">query</a>');
      expect(html).toContain('<a class="govuk-link" href="mailto:csp@example.org">write to us</a>');
      for (const href of attributeValues(html, 'href')) expect(href).toMatch(/^(#[a-z][a-z0-9-]*|https?:\/\/|mailto:)/);
      expect(unbalancedTags(html)).toBeNull();
    },
  );

  it('escapes the document title', () => {
    expect(outputs.document).toContain('<title>Report &lt;script&gt;alert(4)&lt;/script&gt;: Tower Hamlets');
    expect(outputs.print).toContain('<h1 class="govuk-heading-xl app-report-cover__title">Report &lt;script&gt;');
  });
});

describe('reportBodyHtml: structure', () => {
  const report = sampleReport();
  const html = reportBodyHtml(report);

  it('is one <article> with no title of its own (the service page has the h1)', () => {
    expect(html.startsWith('<article class="app-report">')).toBe(true);
    expect(html.endsWith('</article>')).toBe(true);
    expect(html).not.toContain('<h1');
    // The service's Content Security Policy forbids style attributes (and <style>): classes only.
    expect(html).not.toMatch(/<[^>]*\sstyle=|<style/);
    expect(unbalancedTags(html)).toBeNull();
  });

  it('has a contents list whose links are the numbered section headings and the data notes', () => {
    const nav = /<nav class="app-report-contents".*?<\/nav>/s.exec(html)![0];
    expect(attributeValues(nav, 'href')).toEqual(['#section-summary', '#section-violence', '#data-notes']);
    expect(contentsTargets(report)).toEqual([
      'section-summary',
      'section-violence',
      'data-notes',
      'figure-vap-headline',
      'figure-robbery-trend',
      'figure-victim-age',
      'figure-knife-injury',
    ]);
    expect(nav).toContain('>1. Executive summary</a>');
    expect(nav).toContain('>2. Violence profile</a>');
    expect(html).toContain('<h2 class="govuk-heading-l" id="section-summary">1. Executive summary</h2>');
    expect(html).toContain('<h2 class="govuk-heading-l" id="section-violence">2. Violence profile</h2>');
    expect(html).toContain('<h2 class="govuk-heading-l" id="data-notes">Data notes</h2>');
  });

  it('gives every element a unique, valid id, and every internal link a target', () => {
    const ids = attributeValues(html, 'id');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
    for (const href of attributeValues(html, 'href').filter((h) => h.startsWith('#')))
      expect(ids).toContain(href.slice(1));
  });

  it('keeps ids unique when two sections share a template id', () => {
    const twice = structuredClone(report);
    twice.sections[1]!.id = 'summary';
    const doubled = reportBodyHtml(twice);
    expect(contentsTargets(twice).slice(0, 3)).toEqual(['section-summary', 'section-summary-2', 'data-notes']);
    expect(doubled).toContain('id="section-summary-2">2. Violence profile</h2>');
    const ids = attributeValues(doubled, 'id');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('renders narrative as GOV.UK text: paragraph with strong, em and link, h3, numbered list', () => {
    expect(html).toContain(
      '<p class="govuk-body">Violence against the person: <strong>9,812 offences</strong>, <em>30.5 per 1,000 residents</em> (see <a class="govuk-link" href="https://www.gov.uk/government/publications/serious-violence-duty">the Duty guidance</a>).</p>',
    );
    expect(html).toContain('<h3 class="govuk-heading-m">Key findings</h3>');
    expect(html).toContain(
      '<ol class="govuk-list govuk-list--number"><li>Robbery rose to 1,234.</li><li>Young victims: 17.3%.</li></ol>',
    );
  });

  it('gives every available figure a caption and its table; charts inline with the table behind "View as table"', () => {
    // [block id, caption, column headers, numeric column headers, row headers, numeric cells, chart], from the sample.
    const expected = [
      ['vap-headline', 'Table 1: Violence against the person, Tower Hamlets, 2023/24', 4, 3, 2, 6, false],
      ['robbery-trend', 'Figure 1: Robbery by month, Tower Hamlets', 3, 1, 2, 2, true],
      ['victim-age', 'Figure 2: Victims by age, Tower Hamlets, 2023/24', 4, 3, 2, 6, true],
    ] as const;
    for (const [id, caption, cols, numericCols, rows, numericCells, chart] of expected) {
      const figure = figureHtmlOf(html, id);
      expect(figure).toContain(
        `<figcaption class="govuk-heading-s app-report-figure__caption">${caption}</figcaption>`,
      );
      expect(count(figure, '<table class="govuk-table app-report-table">')).toBe(1);
      expect(figure).toMatch(/<caption class="govuk-table__caption govuk-table__caption--s">[^<]+<\/caption>/);
      expect(count(figure, 'scope="col"')).toBe(cols);
      expect(count(figure, 'govuk-table__header--numeric')).toBe(numericCols);
      expect(count(figure, 'scope="row"')).toBe(rows);
      expect(count(figure, 'govuk-table__cell--numeric')).toBe(numericCells);
      expect(count(figure, '<svg')).toBe(chart ? 1 : 0);
      expect(count(figure, '<details class="govuk-details')).toBe(chart ? 1 : 0);
      if (chart) expect(figure).toMatch(/<details[^>]*>.*View as table.*<table.*<\/table><\/div><\/details>/s);
    }
    expect(figureHtmlOf(html, 'vap-headline')).toContain(
      '<td class="govuk-table__cell govuk-table__cell--numeric">9,812</td>',
    );
    expect(figureHtmlOf(html, 'victim-age')).toContain(
      '<td class="govuk-table__cell govuk-table__cell--numeric">17.3%</td>',
    );
  });

  it('puts the chart SVG in as src/charts drew it, with its description', () => {
    const bars = sampleReport().sections[1]!.blocks[1] as FigureBlock;
    expect(figureHtmlOf(html, 'victim-age')).toContain(
      `<div class="app-report-figure__graphic">${bars.chart!.svg}</div>`,
    );
    expect(figureHtmlOf(html, 'robbery-trend')).toContain(
      'Robbery rose from 1,100 in April 2023 to 1,234 in March 2024.',
    );
  });

  it('states the headline and says why an unavailable figure is missing', () => {
    expect(figureHtmlOf(html, 'vap-headline')).toContain(
      '<p class="govuk-body app-report-figure__statement">9,812 offences, 30.5 per 1,000 residents (95% CI 29.9 to 31.1).</p>',
    );
    const knife = figureHtmlOf(html, 'knife-injury');
    expect(knife).toContain('<figcaption class="govuk-heading-s app-report-figure__caption">Table 2: Knife injury');
    expect(knife).toContain(
      'This figure could not be produced: no data for knife injury victims: no A&amp;E extract covers 2023/24.</p>',
    );
    expect(knife).not.toContain('<table');
  });

  it('links each figure to its data notes, and numbers the notes annex note-1, note-2', () => {
    expect(figureHtmlOf(html, 'vap-headline')).toContain('Data notes: <a class="govuk-link" href="#note-1">note 1</a>');
    expect(figureHtmlOf(html, 'robbery-trend')).toContain('href="#note-1"');
    expect(figureHtmlOf(html, 'victim-age')).toContain('href="#note-2"');
    expect(figureHtmlOf(html, 'knife-injury')).not.toContain('#note-');
    expect(html).toMatch(
      /<li class="app-report-note" id="note-1"><h3 class="govuk-heading-s">Note 1<\/h3>.*Table 1, Figure 1/,
    );
    expect(html).toMatch(/id="note-2">.*Serious violence \(Tower Hamlets\) \(version 3\).*SYNTHETIC: partner records/s);
    expect(html).toContain('28 February 2026');
    expect(html).toContain('Contains public sector information licensed under the Open Government Licence v3.0');
  });

  it('says when a published build was answered, and which template built it', () => {
    expect(html).toContain('Built on 6 December 2026 at 12:00 from template sna, version 1.');
    expect(html).not.toContain('published build');
    const frozen = { ...sampleReport(), asOf: { 'vap-headline': '2026-03-01', 'victim-age': '2026-02-28' } };
    expect(reportBodyHtml(frozen)).toContain(
      'This is a published build: its figures were answered as of the extract dates 28 February 2026, 1 March 2026',
    );
  });

  it('says how many numbers the public edition withholds', () => {
    expect(html).not.toContain('withheld');
    expect(figureHtmlOf(reportBodyHtml(sampleReport('public')), 'victim-age')).toContain(
      '1 number is withheld in this edition',
    );
  });
});

describe('reportDocumentHtml', () => {
  const report = sampleReport();
  const screen = reportDocumentHtml(report, { print: false });
  const print = reportDocumentHtml(report, { print: true });

  it.each([
    ['screen', screen],
    ['print', print],
  ])('%s: a standalone document with no script and no external resource', (_, html) => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">')).toBe(true);
    expect(html).toContain(
      '<title>Serious violence strategic needs assessment: Tower Hamlets, 2023/24 compared with 2022/23</title>',
    );
    expect(count(html, '<style>')).toBe(1);
    expect(html).toMatch(/<\/header><main><article class="app-report">.*<\/article><\/main>/s);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|\ssrc=|url\(|@import/i);
    expect(html).toMatch(/font-family: arial, helvetica, sans-serif/);
    expect(unbalancedTags(html)).toBeNull();
    const ids = attributeValues(html, 'id');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('on screen: the marking at the top and the bottom, tables behind "View as table"', () => {
    expect(screen).toMatch(
      /<body[^>]*><header class="app-report-cover"><p class="app-report-cover__marking">OFFICIAL<\/p>/,
    );
    expect(screen).toMatch(
      /<\/main><footer class="app-report-footer"><p class="app-report-marking">OFFICIAL<\/p><\/footer><\/body>/,
    );
    expect(count(screen, '<details')).toBe(2);
  });

  it('in print: a cover, a contents page with room for page numbers, every table shown, pages broken by section', () => {
    const cover = /<header class="app-report-cover">.*?<\/header>/s.exec(print)![0];
    for (const text of [
      '<p class="app-report-cover__marking">OFFICIAL</p>',
      '>Serious violence strategic needs assessment</h1>',
      'Tower Hamlets, 2023/24 compared with 2022/23',
      'Tower Hamlets (E09000030)',
      '2023/24, compared with 2022/23',
      'Internal edition',
      '6 December 2026 at 12:00',
    ])
      expect(cover).toContain(text);
    expect(print.indexOf('app-report-cover')).toBeLessThan(print.indexOf('app-report-contents'));
    expect(print).not.toContain('<details');
    expect(count(print, '<table class="govuk-table app-report-table">')).toBe(3);
    // Three sections and notes, four figures and tables: each with an empty box for its page number.
    expect(count(print, '<span class="app-report-contents__page"></span>')).toBe(7);
    expect(print).toContain('<h3 class="govuk-heading-s">Figures and tables</h3>');
    expect(print).toContain(
      'href="#figure-robbery-trend"><span class="app-report-contents__text">Figure 1: Robbery by month, Tower Hamlets</span>',
    );
    expect(print).toMatch(/\.app-report-section, \.app-report-notes, \.app-report-contents \{ break-before: page;/);
    expect(print).toMatch(/\.app-report-figure \{ break-inside: avoid;/);
  });

  it('in print: fills in the page numbers it is given', () => {
    const pages = new Map([
      ['section-summary', 3],
      ['section-violence', 4],
      ['data-notes', 16],
      ['figure-victim-age', 5],
    ]);
    const numbered = reportDocumentHtml(report, { print: true, pages });
    const pageNumbers = [...numbered.matchAll(/<span class="app-report-contents__page">(\d*)<\/span>/g)].map(
      (m) => m[1],
    );
    expect(pageNumbers).toEqual(['3', '4', '16', '', '', '5', '']);
    expect(numbered).toContain(
      'href="#section-violence"><span class="app-report-contents__text">2. Violence profile</span>',
    );
  });

  it('carries the public edition marking', () => {
    const pub = reportDocumentHtml(sampleReport('public'), { print: true });
    expect(pub).toContain('<p class="app-report-cover__marking">OFFICIAL (PUBLIC EDITION)</p>');
    expect(pub).toContain('Public edition');
  });
});
