import { describe, expect, it } from 'vitest';
import { addMonths, retentionCutoff } from './retentionCutoff.ts';

// Worked out on a calendar: an entry dated before the cutoff has date + months before today.
describe('retentionCutoff', () => {
  it.each([
    // today, months, cutoff, why
    ['2026-06-15', 24, '2024-06-15', 'same day two years back'],
    ['2026-03-31', 1, '2026-03-01', 'February 2026 has no 31st: all of February ends by 28 March'],
    ['2028-02-29', 24, '2026-03-01', '2026-02-28 + 24 months = 2028-02-28, before the 29th'],
    ['2026-01-10', 12, '2025-01-10', 'across a year end'],
  ])('today %s, %i months: %s (%s)', (today, months, cutoff) => {
    expect(retentionCutoff(today, months)).toBe(cutoff);
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-05-15', 24, '2026-05-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
  ])('%s + %i months = %s', (date, months, sum) => {
    expect(addMonths(date, months)).toBe(sum);
  });
});
