import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureBlock } from '../builtReport.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import { attr, type Parts, parts, styled, texts, xmlText } from './docx/testing/readDocx.ts';

describe('reportDocx', () => {
  let internal: Parts;
  let publicEdition: Parts;
  beforeAll(async () => {
    [internal, publicEdition] = await Promise.all([parts(sampleReport()), parts(sampleReport('public'))]);
  });

  it('has a cover with title, subtitle, area, period, edition, marking and built date', () => {
    expect(styled(internal.document, 'Title')).toEqual(['Serious violence strategic needs assessment']);
    expect(styled(internal.document, 'Subtitle')).toEqual(['Tower Hamlets, 2023/24 compared with 2022/23']);
    const cover = texts(internal.document).slice(2, 7);
    expect(cover).toEqual([
      'Area: Tower Hamlets (E09000030)',
      'Period: 2023/24 compared with 2022/23',
      'Edition: Internal edition: small numbers are shown, for readers allowed to see them.',
      'Marking: OFFICIAL',
      // 12:00Z in December is 12:00 in London (GMT).
      'Built: 6 December 2026 at 12:00',
    ]);
    expect(texts(publicEdition.document)).toContain('Marking: OFFICIAL (PUBLIC EDITION)');
  });

  it('titles sections with Heading 1 and narrative headings with Heading 3, styles Word knows', () => {
    expect(styled(internal.document, 'Heading1')).toEqual([
      '1 Executive summary',
      '2 Violence profile',
      'Data notes',
      'About this report',
    ]);
    expect(styled(internal.document, 'Heading3')).toEqual(['Key findings']);
    expect(internal.styles).toContain('w:styleId="Heading1"');
    expect(internal.styles).toContain('w:styleId="Heading3"');
    // The document's language, for spelling and screen readers.
    expect(internal.styles).toMatch(/<w:docDefaults>.*<w:lang w:val="en-GB"\/>.*<\/w:docDefaults>/s);
  });

  it('has a TOC field that Word updates on opening', () => {
    const instructions = [...internal.document.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) =>
      xmlText(m[1]!),
    );
    expect(instructions).toContain('TOC \\h \\o "1-3"');
    // The list of figures and tables, from the Caption style.
    expect(instructions).toContain('TOC \\h \\t "Caption,1"');
    expect(internal.settings).toContain('<w:updateFields/>');
    // The TOC comes before the first section.
    expect(internal.document.indexOf('TOC \\h')).toBeLessThan(
      internal.document.indexOf('Violence against the person: '),
    );
  });

  it('carries the sample numbers', () => {
    const all = texts(internal.document).join('\n');
    for (const n of ['9,812', '30.5', '1,234', '17.3%']) expect(all).toContain(n);
  });

  it('keeps bold, italic and a live link in narrative', () => {
    expect(internal.document).toMatch(
      /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">9,812 offences<\/w:t>/,
    );
    expect(internal.document).toMatch(
      /<w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">30.5 per 1,000 residents</,
    );
    const link = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>.*?<\/w:hyperlink>/s.exec(internal.document)!;
    expect(link[0]).toContain('the Duty guidance');
    expect(internal.rels).toMatch(
      new RegExp(`Id="${link[1]}"[^>]*Target="https://www.gov.uk/government/publications/serious-violence-duty"`),
    );
    expect(texts(internal.document)).toContain('Robbery rose to 1,234.');
  });

  it('captions every figure, in order', () => {
    expect(styled(internal.document, 'Caption')).toEqual([
      'Table 1: Violence against the person, Tower Hamlets, 2023/24',
      'Figure 1: Robbery by month, Tower Hamlets',
      'Figure 2: Victims by age, Tower Hamlets, 2023/24',
      'Table 2: Knife injury victims aged 1–24',
    ]);
    expect(texts(internal.document)).toContain('9,812 offences, 30.5 per 1,000 residents (95% CI 29.9 to 31.1).');
  });

  it('embeds each chart as a PNG with the title and description as alternative text', () => {
    const docPrs = [...internal.document.matchAll(/<wp:docPr [^>]*\/>/g)].map((m) => m[0]);
    expect(docPrs.map((d) => attr(d, 'title'))).toEqual([
      'Robbery by month, Tower Hamlets',
      'Victims by age, Tower Hamlets, 2023/24',
    ]);
    expect(docPrs.map((d) => attr(d, 'descr'))).toEqual([
      'Robbery by month, Tower Hamlets. Robbery rose from 1,100 in April 2023 to 1,234 in March 2024.',
      'Victims by age, Tower Hamlets, 2023/24. Share of victims by age: 0–17: 17.3% (0.15 to 0.2); 18–24: 31.0% (0.28 to 0.34).',
    ]);
    expect(internal.media).toHaveLength(2);
    // The description is printed under the chart too.
    expect(texts(internal.document)).toContain('Robbery rose from 1,100 in April 2023 to 1,234 in March 2024.');
    for (const png of internal.media) expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('writes each table as a Word table with a repeating header row and numeric columns right aligned', () => {
    const tables = [...internal.document.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)].map((m) => m[1]!);
    // Table 1, Figure 1 and Figure 2; the unavailable Table 2 has none.
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      const rows = [...table.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map((m) => m[1]!);
      expect(rows[0]).toContain('<w:tblHeader/>');
      for (const row of rows.slice(1)) expect(row).not.toContain('<w:tblHeader/>');
    }
    const first = tables[0]!;
    expect(texts(first).slice(0, 4)).toEqual(['Measure', 'Value', 'Lower 95% limit', 'Upper 95% limit']);
    const alignments = [...first.matchAll(/<w:jc w:val="(\w+)"\/>/g)].map((m) => m[1]);
    expect(alignments.slice(0, 4)).toEqual(['left', 'right', 'right', 'right']);
    // Figure 1: Month, Robbery (numeric), Special cause signals.
    expect([...tables[1]!.matchAll(/<w:jc w:val="(\w+)"\/>/g)].map((m) => m[1]).slice(0, 3)).toEqual([
      'left',
      'right',
      'left',
    ]);
  });

  it('says why an unavailable figure is missing', () => {
    expect(texts(internal.document)).toContain(
      'Unavailable: no data for knife injury victims: no A&E extract covers 2023/24',
    );
    expect(internal.document).toContain('no A&amp;E extract');
  });

  it('refers figures to numbered data notes and lists the notes', () => {
    const all = texts(internal.document);
    expect(all.filter((t) => t.startsWith('Data notes: '))).toEqual([
      'Data notes: 1',
      'Data notes: 1',
      'Data notes: 2',
    ]);
    // lastIndexOf: the TOC lists "Data notes" first.
    const annex = all.slice(all.lastIndexOf('Data notes'));
    expect(annex.slice(0, 7)).toEqual([
      'Data notes',
      'Note 1',
      'Used by: Table 1, Figure 1',
      'Source: MPS borough counts (London Datastore)',
      'Extract dates: 1 March 2026',
      'Definition: category:Violence Against the Person',
      'Method: Rate per 1,000 residents (Census 2021), 95% Byar limits',
    ]);
    expect(annex).toContain('Definition: Serious violence (Tower Hamlets) (version 3)');
    // Each number links to its note's bookmark.
    const anchors = [...internal.document.matchAll(/<w:hyperlink w:history="1" w:anchor="(DataNote\d+)">/g)].map(
      (m) => m[1],
    );
    expect(anchors).toEqual(['DataNote1', 'DataNote1', 'DataNote2']);
    const bookmarks = [...internal.document.matchAll(/<w:bookmarkStart w:name="(DataNote\d+)"/g)].map((m) => m[1]);
    expect(bookmarks).toEqual(['DataNote1', 'DataNote2']);
    expect(annex).toContain('SYNTHETIC: partner records in this database are generated test data, not real people');
    expect(all.slice(all.lastIndexOf('About this report'))).toEqual([
      'About this report',
      'Built on 6 December 2026 at 12:00 from template sna, version 1. Internal edition: small numbers are shown, for readers allowed to see them.',
      'Contains public sector information licensed under the Open Government Licence v3.0',
    ]);
  });

  it('marks every page header and footer, and numbers the pages', () => {
    for (const [parts, marking] of [
      [internal, 'OFFICIAL'],
      [publicEdition, 'OFFICIAL (PUBLIC EDITION)'],
    ] as const) {
      expect(parts.headers.length).toBeGreaterThan(0);
      expect(parts.footers.length).toBeGreaterThan(0);
      for (const xml of [...parts.headers, ...parts.footers]) expect(texts(xml)).toContain(marking);
      for (const footer of parts.footers) expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      // No separate first-page header: the cover is marked too.
      expect(parts.document).not.toContain('<w:titlePg');
      expect(parts.document).toMatch(/<w:headerReference w:type="default"/);
    }
    expect(texts(internal.headers[0]!)).not.toContain('OFFICIAL (PUBLIC EDITION)');
  });

  it('says how many numbers disclosure control hid, in the public edition only', () => {
    const sentence =
      '1 number is withheld in this edition (disclosure control) to protect people who could be identified.';
    expect(texts(publicEdition.document)).toContain(sentence);
    expect(texts(internal.document)).not.toContain(sentence);
  });

  it('escapes narrative text and keeps unsafe links as plain text', async () => {
    const report = sampleReport();
    const hostile = '<script>alert("x")</script> & \'quotes\' "double"';
    const block = report.sections[0]!.blocks[0]!;
    if (block.kind !== 'narrative') throw new Error('the sample starts with narrative');
    block.elements.push({
      kind: 'paragraph',
      content: [
        { kind: 'text', text: hostile },
        { kind: 'link', text: 'click me', href: 'javascript:alert(1)' },
      ],
    });
    (report.sections[1]!.blocks[2] as FigureBlock).unavailable = 'no <data> & "nothing"';
    const { document, rels } = await parts(report);
    expect(document).not.toContain('<script>');
    expect(document).toContain('&lt;script&gt;');
    expect(texts(document)).toContain(`${hostile}click me`);
    expect(texts(document)).toContain('Unavailable: no <data> & "nothing"');
    expect(rels).not.toContain('javascript:');
  });

  it('says when a published build was answered, groups bare numbers, writes Heading 4 and restarts each ordered list', async () => {
    const report = sampleReport();
    report.asOf = { 'vap-headline': '2026-03-01', 'robbery-trend': '2026-03-01', 'victim-age': '2026-02-28' };
    (report.sections[0]!.blocks[1] as FigureBlock).table.rows[0]![1] = 12345;
    const narrative = report.sections[0]!.blocks[0]!;
    if (narrative.kind !== 'narrative') throw new Error('the sample starts with narrative');
    narrative.elements.push(
      { kind: 'heading', level: 4, content: [{ kind: 'text', text: 'Detail' }] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'Second list' }]] },
    );
    const { document } = await parts(report);
    expect(texts(document)).toContain(
      'This is a published build: its figures were answered as of the extract dates 28 February 2026, 1 March 2026 and do not change when newer data is imported.',
    );
    expect(texts(document)).toContain('12,345');
    expect(styled(document, 'Heading4')).toEqual(['Detail']);
    const numId = (text: string) =>
      new RegExp(`<w:numId w:val="(\\d+)"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">${text}<`).exec(
        document,
      )?.[1];
    expect(numId('Robbery rose to 1,234.')).toBeDefined();
    expect(numId('Second list')).toBeDefined();
    expect(numId('Second list')).not.toBe(numId('Robbery rose to 1,234.'));
    // A live build (the sample) says nothing of the kind.
    expect(texts(internal.document).some((t) => t.startsWith('This is a published build'))).toBe(false);
  });

  it('renders a report with no sections, notes or attribution', async () => {
    const empty = { ...sampleReport(), sections: [], notes: [], annex: [], attribution: [] };
    const { document, headers } = await parts(empty);
    expect(styled(document, 'Title')).toEqual(['Serious violence strategic needs assessment']);
    expect(styled(document, 'Heading1')).toEqual(['About this report']);
    // No figures, so no empty list of them.
    expect(styled(document, 'TOCHeading')).toEqual(['Contents']);
    expect(texts(headers[0]!)).toContain('OFFICIAL');
  });
});
