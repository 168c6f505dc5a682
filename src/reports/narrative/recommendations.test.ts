import { describe, expect, it } from 'vitest';
import type { BuiltSection, NarrativeElement } from '../builtReport.ts';
import { parseMarkdown } from './markdown.ts';
import { findRecommendations } from './recommendations.ts';

/* Recommendations read from hand-written narrative elements: themes, numbering, what is not a recommendation. */
const heading = (text: string, level: 3 | 4 = 4): NarrativeElement => ({
  kind: 'heading',
  level,
  content: [{ kind: 'text', text }],
});
const list = (ordered: boolean, ...items: string[]): NarrativeElement => ({
  kind: 'list',
  ordered,
  items: items.map((text) => [{ kind: 'text', text }]),
});
const section = (id: string, ...blocks: NarrativeElement[][]): BuiltSection => ({
  id,
  number: '9',
  title: 'Conclusions and recommendations',
  blocks: blocks.map((elements, i) => ({ kind: 'narrative', id: `${id}-${i + 1}`, elements })),
});

describe('findRecommendations', () => {
  it('numbers the items of ordered lists through the report, each under its theme heading', () => {
    const sections = [
      section(
        'recommendations',
        [
          heading('Conclusions', 3),
          { kind: 'paragraph', content: [{ kind: 'text', text: 'Violence fell.' }] },
          heading('Recommendations', 3),
          heading('Early intervention'),
          list(true, 'Fund youth workers.', 'Train teachers.'),
        ],
        [heading('Enforcement'), list(true, 'Share information.')],
      ),
    ];
    expect(findRecommendations({ sections })).toEqual([
      { number: 1, theme: 'Early intervention', text: 'Fund youth workers.', block: 'recommendations-1' },
      { number: 2, theme: 'Early intervention', text: 'Train teachers.', block: 'recommendations-1' },
      { number: 3, theme: 'Enforcement', text: 'Share information.', block: 'recommendations-2' },
    ]);
  });

  it('ignores lists under "Conclusions" (and its sub-headings), unordered lists and other sections', () => {
    const sections = [
      section('summary', [heading('Priorities'), list(true, 'Not a recommendation.')]),
      section('recommendations', [
        heading('Conclusions', 3),
        list(true, 'A finding.'),
        heading('Hotspots'),
        list(true, 'Another finding.'),
        heading('Recommendations', 3),
        heading(' ', 4),
        list(false, 'A bullet.'),
        list(true, 'Review the duty.'),
      ]),
    ];
    expect(findRecommendations({ sections })).toEqual([
      { number: 1, theme: 'General', text: 'Review the duty.', block: 'recommendations-1' },
    ]);
  });

  it('returns none for an empty section, a section without headings, or no such section', () => {
    expect(findRecommendations({ sections: [section('recommendations', [])] })).toEqual([]);
    expect(findRecommendations({ sections: [section('recommendations', [list(true, 'No heading.')])] })).toEqual([]);
    expect(findRecommendations({ sections: [] })).toEqual([]);
  });

  it('reads the SNA starter text as written: plain text, numbered 1 and 2 whatever the Markdown said', () => {
    const markdown =
      '### Conclusions\n\nWrite here.\n\n### Recommendations\n\n#### Early *intervention*\n\n' +
      '3. Develop a **whole-system** approach ([guidance](https://www.gov.uk/x)).\n\n#### Enforcement\n\n2. Share.';
    const sections = [section('recommendations', parseMarkdown('conclusions', markdown))];
    expect(findRecommendations({ sections }).map(({ number, theme, text }) => [number, theme, text])).toEqual([
      [1, 'Early intervention', 'Develop a whole-system approach (guidance).'],
      [2, 'Enforcement', 'Share.'],
    ]);
  });
});
