import { describe, expect, it } from 'vitest';
import { diffWords, wordingDiffHtml } from './wordingDiff.ts';

/* Word-level differences worked out by hand: the common words kept, the rest removed or added, all escaped. */

const DEL = '<del><span class="govuk-visually-hidden">removed: </span>';
const INS = '<ins><span class="govuk-visually-hidden">added: </span>';

describe('wording differences', () => {
  it('keeps the common words and marks the added ones', () => {
    expect(diffWords('Share data with partners', 'Share police data with all partners')).toEqual([
      { op: 'same', text: 'Share' },
      { op: 'ins', text: 'police' },
      { op: 'same', text: 'data with' },
      { op: 'ins', text: 'all' },
      { op: 'same', text: 'partners' },
    ]);
    expect(wordingDiffHtml('Share data with partners', 'Share police data with all partners')).toBe(
      `Share ${INS}police</ins> data with ${INS}all</ins> partners`,
    );
  });

  it('shows a replaced word as removed then added', () => {
    expect(diffWords('Meet monthly', 'Meet quarterly')).toEqual([
      { op: 'same', text: 'Meet' },
      { op: 'del', text: 'monthly' },
      { op: 'ins', text: 'quarterly' },
    ]);
    expect(diffWords('', 'New action')).toEqual([{ op: 'ins', text: 'New action' }]);
    expect(diffWords('Same words', 'Same  words')).toEqual([{ op: 'same', text: 'Same words' }]);
  });

  it('keeps paragraphs as line breaks', () => {
    expect(diffWords('A\n\nB C', 'A\n\nB')).toEqual([
      { op: 'same', text: 'A\n\nB' },
      { op: 'del', text: 'C' },
    ]);
    expect(wordingDiffHtml('A\n\nB C', 'A\n\nB')).toBe(`A<br><br>B ${DEL}C</del>`);
  });

  it('escapes every character of both wordings', () => {
    expect(wordingDiffHtml('<b>x</b> & y', '<b>x</b> & "z"')).toBe(
      `&lt;b&gt;x&lt;/b&gt; &amp; ${DEL}y</del> ${INS}&quot;z&quot;</ins>`,
    );
    expect(wordingDiffHtml('<script>alert(1)</script>', "<img src=x onerror='a'>")).toBe(
      `${DEL}&lt;script&gt;alert(1)&lt;/script&gt;</del> ${INS}&lt;img src=x onerror=&#39;a&#39;&gt;</ins>`,
    );
  });
});
