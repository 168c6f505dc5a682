import { describe, expect, it } from 'vitest';
import { checkAbout, checkAnswers, checkRoute } from './checkScreening.ts';
import { scoreScreening } from './score.ts';
import { answersWith, SAMPLE_TOOL } from './testing/sampleTool.ts';

const about = { toolId: 'sample-tool', answers: {}, setting: 'school', sex: 'female' };

describe('checkAnswers', () => {
  it('every required question answered, the optional one left: no problems', () => {
    expect(checkAnswers(SAMPLE_TOOL, answersWith())).toEqual([]);
  });

  it('one problem per unanswered required question, named by its id and text', () => {
    const { a: _a, f: _f, ...rest } = answersWith();
    expect(checkAnswers(SAMPLE_TOOL, { ...rest, c: '  ' })).toEqual([
      { field: 'a', message: 'Answer "SYNTHETIC question a?"' },
      { field: 'c', message: 'Answer "SYNTHETIC question c?"' },
      { field: 'f', message: 'Answer "SYNTHETIC question f?"' },
    ]);
  });

  it('an answer that is not offered, and a question the tool does not have', () => {
    expect(checkAnswers(SAMPLE_TOOL, answersWith({ f: 'yes', d: 'maybe', z: 'yes' }))).toEqual([
      { field: 'd', message: '"SYNTHETIC question d?": "maybe" is not one of the answers' },
      { field: 'f', message: '"SYNTHETIC question f?": "yes" is not one of the answers' },
      { field: 'z', message: '"z" is not a question of SYNTHETIC sample tool' },
    ]);
  });
});

describe('checkAbout', () => {
  it('an age band, or an age turned into its band; ethnic group Not stated unless given', () => {
    expect(checkAbout(SAMPLE_TOOL, { ...about, ageBand: '14-15' }).about).toEqual({
      setting: 'school',
      ageBand: '14-15',
      sex: 'female',
      ethnicGroup: 'Not stated',
    });
    expect(checkAbout(SAMPLE_TOOL, { ...about, age: '17', ethnicGroup: 'Black' }).about).toMatchObject({
      ageBand: '16-17',
      ethnicGroup: 'Black',
    });
    expect(checkAbout(SAMPLE_TOOL, { ...about, age: 18 }).about?.ageBand).toBe('18-20');
  });

  it('names each field that is wrong', () => {
    const r = checkAbout(SAMPLE_TOOL, {
      toolId: 'x',
      answers: {},
      setting: 'pub',
      sex: 'x',
      ethnicGroup: 'Asian British',
    });
    expect(r.about).toBeUndefined();
    expect(r.errors.map((e) => e.field)).toEqual(['setting', 'ageBand', 'sex', 'ethnicGroup']);
    expect(checkAbout(SAMPLE_TOOL, { ...about, age: '-1' }).errors).toEqual([
      { field: 'ageBand', message: 'Age must be a whole number of years from 0 to 120' },
    ]);
  });
});

describe('checkRoute', () => {
  const result = scoreScreening(SAMPLE_TOOL, answersWith({ a: 'yes', b: 'yes', c: 'yes' }), '14-15'); // early-help
  it('confirming the recommendation needs no reason (and keeps none)', () => {
    expect(checkRoute(result, { ...about, confirmedRoute: 'early-help', overrideReason: 'x' })).toEqual({
      route: 'early-help',
      reason: null,
      errors: [],
    });
  });
  it('another route needs a reason', () => {
    expect(checkRoute(result, { ...about, confirmedRoute: 'mash', overrideReason: ' ' }).errors).toEqual([
      { field: 'overrideReason', message: 'Say why you chose a route other than the one recommended' },
    ]);
    expect(checkRoute(result, { ...about, confirmedRoute: 'mash', overrideReason: 'Disclosed to me today' })).toEqual({
      route: 'mash',
      reason: 'Disclosed to me today',
      errors: [],
    });
  });
  it('no route, or one that does not exist', () => {
    expect(checkRoute(result, about).errors[0]?.field).toBe('confirmedRoute');
    expect(checkRoute(result, { ...about, confirmedRoute: 'court' }).errors[0]?.field).toBe('confirmedRoute');
  });
});
