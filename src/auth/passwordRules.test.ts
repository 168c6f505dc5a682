import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordRules.ts';

describe('NCSC password rules', () => {
  it.each([
    ['short1', /at least 12 characters/],
    ['Password1234', /common passwords/],
    ['aaaaaaaaaaaaaaa', /repeats one character/],
    ['jane.smith-is-great', /email address/],
    ['x'.repeat(257), /no more than 256/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password, 'jane.smith@council.gov.uk')).toMatch(reason);
  });

  it('accepts a passphrase with no symbols or digits (no composition rules)', () => {
    expect(passwordProblem('correct horse battery staple', 'jane@council.gov.uk')).toBeNull();
  });
});
