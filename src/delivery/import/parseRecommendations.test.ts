import { describe, expect, it } from 'vitest';
import { parseRecommendations } from './parseRecommendations.ts';

/* The recommendations parser on small lists; seed 000 itself is in importRecommendations.test.ts. */

describe('parseRecommendations', () => {
  it('reads a list without group headings as one group, and reports stray prose with its line', () => {
    const text =
      'Needs assessment\n\nRecommendations\n\n1. Do one thing.\n(a) A part of it.\n2. Do another.\n\nSee annex B for costs.\n';
    const plan = parseRecommendations(text, 'list.txt');
    expect(plan.themes).toHaveLength(1);
    expect(plan.themes[0]?.title).toBe('Recommendations');
    expect(plan.themes[0]?.items.map((i) => [i.number, i.children.map((c) => c.number)])).toEqual([
      ['1', ['1 a)']],
      ['2', []],
    ]);
    expect(plan.unplaced).toEqual([
      { line: 9, text: 'See annex B for costs.', reason: 'not a numbered recommendation' },
    ]);
  });

  it('keeps repeated numbers as separate items', () => {
    const plan = parseRecommendations('Recommendations\n\nGroup\n1. One.\n1. One again.\n', 'twice.txt');
    expect(plan.themes[0]?.items.map((i) => i.wording)).toEqual(['One.', 'One again.']);
  });
});
