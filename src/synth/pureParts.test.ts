import { describe, expect, it } from 'vitest';
import { attendancesByMonth } from './aeAttendanceGenerator.ts';
import { Prng, Weighted } from './prng.ts';

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
});
