import { describe, expect, it } from 'vitest';
import { scoreScreening } from './score.ts';
import { answersWith, SAMPLE_TOOL } from './testing/sampleTool.ts';

// Scores worked out by hand from SAMPLE_TOOL's weights: a 3, b 2, c 2, d 4, e 5 (immediate), f many 4 / once 2, g 1.
const score = (over: Record<string, string>, band: Parameters<typeof scoreScreening>[2] = '14-15') =>
  scoreScreening(SAMPLE_TOOL, answersWith(over), band);

describe('scoreScreening', () => {
  it('three yes answers, 3 + 2 + 2 = 7: medium, early help, reasons by points', () => {
    const r = score({ a: 'yes', b: 'yes', c: 'yes' });
    expect(r).toMatchObject({ score: 7, level: 'medium', recommendedRoute: 'early-help', rules: [] });
    expect(r.reasons.map((x) => [x.questionId, x.points])).toEqual([
      ['a', 3],
      ['b', 2],
      ['c', 2],
    ]);
    expect(r.reasons[0]).toEqual({
      questionId: 'a',
      text: 'SYNTHETIC question a?',
      answer: 'Yes',
      points: 3,
      immediate: false,
    });
  });

  it('no yes at all: 0, low, advice, no reasons', () => {
    expect(score({})).toEqual({ score: 0, level: 'low', reasons: [], recommendedRoute: 'advice', rules: [] });
  });

  it('thresholds are inclusive: 4 low, 5 medium, 9 medium, 10 high', () => {
    expect(score({ d: 'yes' })).toMatchObject({ score: 4, level: 'low', recommendedRoute: 'advice' });
    expect(score({ a: 'yes', b: 'yes' })).toMatchObject({ score: 5, level: 'medium' });
    expect(score({ a: 'yes', b: 'yes', d: 'yes' })).toMatchObject({ score: 9, level: 'medium' });
    expect(score({ a: 'yes', b: 'yes', d: 'yes', g: 'yes' })).toMatchObject({
      score: 10,
      level: 'high',
      recommendedRoute: 'mash',
    });
  });

  it('a choice scores its option: many (4) + a (3) = 7, the reason names the option chosen', () => {
    const r = score({ a: 'yes', f: 'many' });
    expect(r).toMatchObject({ score: 7, level: 'medium' });
    expect(r.reasons.map((x) => [x.questionId, x.answer, x.points])).toEqual([
      ['f', 'Two or more', 4],
      ['a', 'Yes', 3],
    ]);
  });

  it("'not known' and 'no' score nothing", () => {
    expect(score({ a: 'not-known', b: 'not-known', d: 'no' })).toMatchObject({ score: 0, level: 'low' });
  });

  it('an immediate flag alone (5 points, medium by score) makes it high and the MASH, and comes first', () => {
    const r = score({ e: 'yes' });
    expect(r).toMatchObject({ score: 5, level: 'high', recommendedRoute: 'mash', rules: ['immediate'] });
    const withOthers = score({ d: 'yes', e: 'yes', f: 'many' });
    // 4 + 5 + 4 = 13; e first although f and d tie below it.
    expect(withOthers.score).toBe(13);
    expect(withOthers.reasons.map((x) => [x.questionId, x.immediate])).toEqual([
      ['e', true],
      ['d', false],
      ['f', false],
    ]);
  });

  it('18 or over at high goes to the panel; 16-17 and not known stay with the MASH; medium adults are not moved', () => {
    const high = { a: 'yes', b: 'yes', c: 'yes', d: 'yes' }; // 11
    expect(score(high, '18-20')).toMatchObject({
      score: 11,
      level: 'high',
      recommendedRoute: 'panel',
      rules: ['adults'],
    });
    expect(score(high, '21-25').recommendedRoute).toBe('panel');
    expect(score(high, '16-17').recommendedRoute).toBe('mash');
    expect(score(high, 'not known').recommendedRoute).toBe('mash');
    expect(score({ a: 'yes', b: 'yes', c: 'yes' }, '18-20')).toMatchObject({
      level: 'medium',
      recommendedRoute: 'early-help',
    });
    expect(score({ e: 'yes' }, '18-20')).toMatchObject({ recommendedRoute: 'panel', rules: ['immediate', 'adults'] });
  });
});
