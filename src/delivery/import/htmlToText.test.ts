import { describe, expect, it } from 'vitest';
import { htmlToText } from './htmlToText.ts';

// Every letter, digit and punctuation mark of the cell, in order, with the markup and spacing taken out.
const letters = (s: string) => s.replace(/<\/?[a-z][^>]*>/gi, '').replace(/[\s•]+/g, '');

describe('htmlToText', () => {
  it('turns <p> blocks into paragraphs separated by a blank line', () => {
    expect(htmlToText('<p>First one.</p> <p>Second  one.</p>')).toBe('First one.\n\nSecond one.');
  });

  it('turns bullets typed as "•" inside an unclosed <ul> into list lines, and text after them into a paragraph', () => {
    const cell = '<p>Plan.</p> <ul style="list-style-type: none"> •One. •Two <p>After.</p>';
    expect(htmlToText(cell)).toBe('Plan.\n\n• One.\n• Two\n\nAfter.');
  });

  it('reads <li> items, drops inline markup such as <u>, decodes entities and keeps every word', () => {
    const cell = 'Schools, <u>in line with national trends</u> , refer.<ul><li>A &amp; B</li><li>C&nbsp;D</li></ul>';
    const text = htmlToText(cell);
    expect(text).toBe('Schools, in line with national trends , refer.\n\n• A & B\n• C D');
    expect(text).not.toMatch(/<|>/);
  });

  it('leaves plain text with typed bullets as a lead paragraph and list', () => {
    const cell = 'Principles: •A child first approach; •An evidence based approach';
    const text = htmlToText(cell);
    expect(text).toBe('Principles:\n\n• A child first approach;\n• An evidence based approach');
    expect(letters(text)).toBe(letters(cell));
  });

  it('gives an empty cell as empty text', () => {
    expect(htmlToText('  ')).toBe('');
    expect(htmlToText('<p></p>')).toBe('');
  });
});
