import { describe, expect, it } from 'vitest';
import { knoxTest } from './knoxTest.ts';

/*
 * Worked by hand: A(0,0,t0) B(50,0,t1) C(1000,0,t100) D(1050,0,t101); space band ≤ 100 m, time band ≤ 7 days.
 * Only AB and CD are close in space; both are close in time → observed = 2.
 * Permuting the 4 times (24 orders): AB is close in time exactly when A and B get {0,1} or {100,101}
 * (2 sets × 2 orders × 2 orders for CD = 8 orders), and then CD is too; otherwise neither is.
 * So a permutation gives 2 with probability 1/3 and 0 otherwise: mean simulated = 2/3, ratio = 3,
 * P(sim ≥ 2) = 1/3, so p ≈ (333 + 1)/1000.
 */
const events = [
  { x: 0, y: 0, t: 0 },
  { x: 50, y: 0, t: 1 },
  { x: 1000, y: 0, t: 100 },
  { x: 1050, y: 0, t: 101 },
];

describe('Knox near-repeat test', () => {
  it('matches the hand-worked permutation distribution', () => {
    const r = knoxTest(events, [100], [7], { seed: 42 });
    expect(r.permutations).toBe(999);
    const cell = r.cells[0];
    expect(cell?.observed).toBe(2);
    // binomial SD of the mean over 999 sims is 0.03, of p 0.015: tolerances are > 3 SD
    expect(cell?.meanSimulated).toBeGreaterThan(2 / 3 - 0.1);
    expect(cell?.meanSimulated).toBeLessThan(2 / 3 + 0.1);
    expect(cell?.ratio).toBeCloseTo(2 / (cell?.meanSimulated ?? 1), 12);
    expect(Math.abs((cell?.p ?? 0) - 1 / 3)).toBeLessThan(0.05);
    // p = (#sims ≥ observed + 1)/(999 + 1): a multiple of 1/1000
    expect(Math.round((cell?.p ?? 0) * 1000)).toBeCloseTo((cell?.p ?? 0) * 1000, 9);
  });

  it('is reproducible with a seed', () => {
    expect(knoxTest(events, [100], [7], { seed: 7 })).toEqual(knoxTest(events, [100], [7], { seed: 7 }));
  });

  it('bands: a pair 150 m apart falls in the second space band only', () => {
    const r = knoxTest(
      [
        { x: 0, y: 0, t: 0 },
        { x: 150, y: 0, t: 3 },
      ],
      [100, 200],
      [7, 14],
      { permutations: 9 },
    );
    expect(r.cells.map((c) => [c.space, c.time, c.observed])).toEqual([
      [[0, 100], [0, 7], 0],
      [[0, 100], [7, 14], 0],
      [[100, 200], [0, 7], 1],
      [[100, 200], [7, 14], 0],
    ]);
  });

  it('no pairs ever: ratio undefined, p = 1', () => {
    const r = knoxTest(
      [
        { x: 0, y: 0, t: 0 },
        { x: 5000, y: 0, t: 1 },
      ],
      [100],
      [7],
    );
    expect(r.cells[0]).toMatchObject({ observed: 0, meanSimulated: 0, ratio: null, p: 1 });
  });

  it('refuses bands that do not increase', () => {
    expect(() => knoxTest(events, [200, 100], [7])).toThrow(
      'space band limits must be positive and increasing, got 200, 100',
    );
  });
});
