import { describe, expect, it } from 'vitest';
import { attendancesByMonth } from './aeAttendanceGenerator.ts';
import { Prng, Weighted } from './prng.ts';
import { easterSunday, isSchoolTermWeekday } from './schoolCalendar.ts';
import { monthsBetween } from './synthesiseExtracts.ts';

describe('school calendar', () => {
  it.each([
    [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2019, '2019-04-21'],
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

describe('A&E attendances from violence with injury', () => {
  it('takes 40 per 100 of the running total, carrying the remainder forward', () => {
    // By hand: running totals 3, 6, 106 → floor(×0.4) = 1, 2, 42 → 1, 1, 40.
    expect(attendancesByMonth([3, 3, 100])).toEqual([1, 1, 40]);
    expect(attendancesByMonth([0, 0])).toEqual([0, 0]);
  });
});

describe('seeded draws', () => {
  it('repeat for a seed and differ between seeds', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draw weighted items in proportion', () => {
    const rng = new Prng(42);
    const table = Weighted.of({ a: 1, b: 3, none: 0 });
    let b = 0;
    for (let i = 0; i < 20_000; i += 1) if (table.draw(rng) === 'b') b += 1;
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
  });

  it('lists the months of a period', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});
