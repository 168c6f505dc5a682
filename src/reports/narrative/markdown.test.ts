import { describe, expect, it } from 'vitest';
import { NarrativeError, parseMarkdown } from './markdown.ts';
import { checkNarrative, renderNarrative } from './renderNarrative.ts';

const offers = new Map([
  ['vap', new Set(['count', 'rate', 'sentence'] as const)],
  ['trend', new Set(['sentence'] as const)],
]);

describe('narrative Markdown', () => {
  it('reads paragraphs, headings, lists, strong, emphasis and links into the closed element set', () => {
    const elements = parseMarkdown(
      'b',
      '# Title\n\nOne **bold** and *soft*\nline, see [guidance](https://www.gov.uk/x).\n\n- a\n- b _c_\n\n1. first\n2. second\n\n#### Minor',
    );
    expect(elements).toEqual([
      { kind: 'heading', level: 3, content: [{ kind: 'text', text: 'Title' }] },
      {
        kind: 'paragraph',
        content: [
          { kind: 'text', text: 'One ' },
          { kind: 'strong', text: 'bold' },
          { kind: 'text', text: ' and ' },
          { kind: 'em', text: 'soft' },
          { kind: 'text', text: ' line, see ' },
          { kind: 'link', text: 'guidance', href: 'https://www.gov.uk/x' },
          { kind: 'text', text: '.' },
        ],
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          [{ kind: 'text', text: 'a' }],
          [
            { kind: 'text', text: 'b ' },
            { kind: 'em', text: 'c' },
          ],
        ],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]] },
      { kind: 'heading', level: 4, content: [{ kind: 'text', text: 'Minor' }] },
    ]);
  });

  it.each([
    ['<script>alert(1)</script>', /block "intro": HTML is not allowed in narrative \("<script>"\)/],
    ['Click <a href="x">here</a>', /HTML is not allowed/],
    ['<img src=x onerror=alert(1)>', /HTML is not allowed/],
    ['[x](javascript:alert(1))', /block "intro": the link "x" goes to "javascript:alert\(1": links must start with/],
    ['[x](data:text/html,hi)', /links must start with https:\/\/, http:\/\/ or mailto:/],
  ])('refuses %s, naming the block', (markdown, message) => {
    expect(() => parseMarkdown('intro', markdown)).toThrow(NarrativeError);
    expect(() => parseMarkdown('intro', markdown)).toThrow(message);
  });

  it('keeps a < that starts no tag, such as "fewer than <5", as text', () => {
    expect(parseMarkdown('b', 'counts < 5 and 3 > 2')).toEqual([
      { kind: 'paragraph', content: [{ kind: 'text', text: 'counts < 5 and 3 > 2' }] },
    ]);
  });
});

describe('placeholders in narrative', () => {
  const facts = {
    place: { area: 'Tower Hamlets', period: '2023/24', compare: '2022/23', unavailable: 'none' },
    figures: new Map([['vap', { count: '*', rate: '30.5', sentence: 'VAP: 9,812.' }]]),
    offers,
  };

  it('fills place and figure placeholders, and a suppressed "*" stays text, not emphasis', () => {
    const block = renderNarrative(
      's',
      'In {{area}}, {{period}}: **{{vap.rate}}** per 1,000; count {{vap.count}} and {{vap.count}}.',
      facts,
    );
    expect(block.elements).toEqual([
      {
        kind: 'paragraph',
        content: [
          { kind: 'text', text: 'In Tower Hamlets, 2023/24: ' },
          { kind: 'strong', text: '30.5' },
          { kind: 'text', text: ' per 1,000; count * and *.' },
        ],
      },
    ]);
  });

  it('says "[not available]" for a figure the build could not produce, never blank or zero', () => {
    const block = renderNarrative('s', 'Trend: {{trend.sentence}}', facts);
    expect(block.elements[0]).toEqual({
      kind: 'paragraph',
      content: [{ kind: 'text', text: 'Trend: [not available]' }],
    });
  });

  it.each([
    ['{{nope.count}}', 'block "s": "{{nope.count}}" names no figure of this report: "nope"'],
    ['{{trend.count}}', 'block "s": "{{trend.count}}": figure "trend" offers sentence, not "count"'],
    [
      '{{ vap }}',
      'block "s": "{{vap}}" is not a placeholder: use {{area}}, {{period}}, {{compare}}, {{unavailable}} or {{figure-id.field}}',
    ],
    ['the {{vap.count} offences', 'block "s": an unmatched "{{" or "}}"'],
    ['the vap.count}} offences', 'block "s": an unmatched "{{" or "}}"'],
  ])('refuses %s with a message naming the block', (markdown, message) => {
    expect(() => checkNarrative('s', markdown, offers)).toThrow(message);
  });
});
