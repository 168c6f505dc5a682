import { describe, expect, it } from 'vitest';
import { easterSunday, isSchoolTermWeekday } from './schoolCalendar.ts';

describe('school calendar', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2019, '2019-04-21'],
  ])('Easter Sunday %i is %s (published dates)', (year, date) => {
    expect(new Date(easterSunday(year)).toISOString().slice(0, 10)).toBe(date);
  });

  it.each([
    ['2024-09-10', true, 'a Tuesday in the autumn term'],
    ['2024-09-14', false, 'a Saturday'],
    ['2024-08-14', false, 'the summer holiday'],
    ['2024-10-29', false, 'October half-term (week of the last Monday in October)'],
    ['2024-12-23', false, 'the Christmas holiday'],
    ['2025-02-18', false, 'February half-term (week of the first Monday on or after 12 February)'],
    ['2025-04-15', false, 'the Easter holiday'],
    ['2025-05-05', false, 'the early May bank holiday'],
    ['2025-05-27', false, 'May half-term'],
    ['2025-03-12', true, 'a Wednesday in the spring term'],
  ])('%s is a term weekday: %s (%s)', (date, expected) => {
    expect(isSchoolTermWeekday(date)).toBe(expected);
  });
});
