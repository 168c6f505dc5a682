import { describe, expect, it } from 'vitest';
import { headlineSentence } from './headlineSentence.ts';

const london = (direction: 'similar' | 'higher' | 'lower') => ({ direction, label: 'London' });

// Each expected sentence is worked out by hand from the numbers given.
describe('headlineSentence', () => {
  it('a fall, rounded to a whole percent: 165 → 138 is −16.4%', () => {
    expect(
      headlineSentence({
        subject: 'Knife crime with injury',
        count: 138,
        previousCount: 165,
        benchmark: london('similar'),
      }),
    ).toBe('Knife crime with injury fell 16% on last year; the rate is similar to London.');
  });

  it('a rise against a higher rate: 100 → 112 is +12%', () => {
    expect(
      headlineSentence({
        subject: 'Robbery of personal property',
        count: 112,
        previousCount: 100,
        benchmark: london('higher'),
      }),
    ).toBe('Robbery of personal property rose 12% on last year; the rate is higher than London.');
  });

  it('no change against a lower rate', () => {
    expect(
      headlineSentence({ subject: 'Sexual offences', count: 50, previousCount: 50, benchmark: london('lower') }),
    ).toBe('Sexual offences stayed the same as last year; the rate is lower than London.');
  });

  it('8 → 3 is −62.5%, which rounds half up to 63%', () => {
    expect(headlineSentence({ subject: 'Homicide', count: 3, previousCount: 8 })).toBe(
      'Homicide fell 63% on last year.',
    );
  });

  it('a change under half a percent: 1,000 → 1,004 is +0.4%', () => {
    expect(headlineSentence({ subject: 'Domestic abuse', count: 1004, previousCount: 1000 })).toBe(
      'Domestic abuse rose by less than 1% on last year.',
    );
  });

  it('a zero base has no percentage (n/a), and says so in words', () => {
    expect(headlineSentence({ subject: 'Homicide', count: 3, previousCount: 0, benchmark: london('similar') })).toBe(
      'Homicide rose from none last year to 3 (no percentage change from zero); the rate is similar to London.',
    );
  });

  it('zero in both periods', () => {
    expect(headlineSentence({ subject: 'Homicide', count: 0, previousCount: 0 })).toBe(
      'Homicide stayed the same as last year, with none recorded in either period.',
    );
  });

  it('a chosen comparison period is named: 200 → 150 is −25%', () => {
    expect(
      headlineSentence({ subject: 'Knife crime with injury', count: 150, previousCount: 200, comparedWith: '2019/20' }),
    ).toBe('Knife crime with injury fell 25% compared with 2019/20.');
    expect(headlineSentence({ subject: 'Homicide', count: 2, previousCount: 0, comparedWith: '2019/20' })).toBe(
      'Homicide rose from none in 2019/20 to 2 (no percentage change from zero).',
    );
    expect(headlineSentence({ subject: 'Homicide', count: 4, previousCount: 4, comparedWith: '2019/20' })).toBe(
      'Homicide stayed the same as in 2019/20.',
    );
  });

  it('without a comparison, only the benchmark; without either, the count', () => {
    expect(
      headlineSentence({ subject: 'Sexual offences', count: 1234, previousCount: null, benchmark: london('higher') }),
    ).toBe('Sexual offences: the rate is higher than London.');
    expect(headlineSentence({ subject: 'Sexual offences', count: 1234, previousCount: null })).toBe(
      'Sexual offences: 1,234 recorded.',
    );
  });
});
