import { describe, expect, it } from 'vitest';
import { CrimeIdRegister } from './crimeIdRegister.ts';

const APRIL = '2015-04-01|Metropolitan Police Service';
const MAY = '2015-05-01|Metropolitan Police Service';
const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('CrimeIdRegister', () => {
  it('keeps a repeat of the same crime (same month and force) and names the other incident of a reused ID', () => {
    const r = new CrimeIdRegister(4);
    expect(r.check('aaa', APRIL)).toBeNull();
    expect(r.check('aaa', APRIL)).toBeNull();
    expect(r.check('bbb', MAY)).toBeNull();
    expect(r.check('aaa', MAY)).toBe(APRIL);
    expect(r.check('bbb', APRIL)).toBe(MAY);
  });

  it('gives the same answers for an ID read as bytes as for the same ID as text', () => {
    const r = new CrimeIdRegister();
    const may = r.incident(MAY);
    expect(r.incident(MAY)).toBe(may);
    expect(r.check('0123abcd', APRIL)).toBeNull();
    const row = ascii('x,0123abcd,y');
    expect(r.checkBytes(row, 2, 10, r.incident(APRIL))).toBeNull();
    expect(r.checkBytes(row, 2, 10, may)).toBe(APRIL);
  });

  it('loses nothing when it grows far past the size it was given', () => {
    const r = new CrimeIdRegister(10);
    const n = 200_000;
    let wrong = 0;
    for (let i = 0; i < n; i += 1) if (r.check(`id-${i}`, i % 2 === 0 ? APRIL : MAY) !== null) wrong += 1;
    let clashes = 0;
    for (let i = 0; i < n; i += 1) {
      if (r.check(`id-${i}`, i % 2 === 0 ? APRIL : MAY) !== null) wrong += 1;
      if (r.check(`id-${i}`, '2016-01-01|Kent Police') === (i % 2 === 0 ? APRIL : MAY)) clashes += 1;
    }
    expect(wrong).toBe(0);
    expect(clashes).toBe(n);
  });

  it('tells apart more than 65,535 incidents (month × force)', () => {
    const r = new CrimeIdRegister(100);
    let wrong = 0;
    for (let i = 0; i < 70_000; i += 1) if (r.check(`id-${i}`, `month-${i}|force`) !== null) wrong += 1;
    expect(wrong).toBe(0);
    expect(r.check('id-69999', 'month-69999|force')).toBeNull();
    expect(r.check('id-69999', 'month-1|force')).toBe('month-69999|force');
    expect(r.check('id-3', 'month-69999|force')).toBe('month-3|force');
  });
});
