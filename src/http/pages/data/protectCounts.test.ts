import { describe, expect, it } from 'vitest';
import { protectCounts } from './protectCounts.ts';

const row = (value: number) => ({
  area_code: 'E09000030',
  month: '2025-01-01',
  major: 'VIOLENCE',
  minor: '',
  measure: 'offences',
  value,
});

describe('disclosure control on exports', () => {
  it('suppresses counts 1–7 in partnership data and says how many', () => {
    const p = protectCounts([row(0), row(1), row(7), row(8), row(120)], 'partnership');
    expect(p.rows.map((r) => r.value)).toEqual([0, '*', '*', 8, 120]);
    expect(p.note).toBe('case-derived and service data: counts 1–7 suppressed as *; 2 cell(s) suppressed');
  });

  it('leaves data that is already public as published', () => {
    const p = protectCounts([row(1), row(3)], 'public');
    expect(p.rows.map((r) => r.value)).toEqual([1, 3]);
    expect(p.suppressedCells).toBe(0);
  });
});
