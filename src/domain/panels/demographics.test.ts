import { describe, expect, it } from 'vitest';
import { ageBand, ageOn, ethnicGroup, ETHNICITY_CODES } from './demographics.ts';

describe('ages and bands', () => {
  it('counts a birthday on the day, not the day before', () => {
    expect(ageOn('2010-03-15', '2026-03-14')).toBe(15);
    expect(ageOn('2010-03-15', '2026-03-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('bands at the panels’ edges: MACE under 18, the young adults panel 18 to 25', () => {
    expect([9, 10, 13, 14, 15, 16, 17, 18, 20, 21, 25, 26, 39, 40].map(ageBand)).toEqual([
      'under 10',
      '10-13',
      '10-13',
      '14-15',
      '14-15',
      '16-17',
      '16-17',
      '18-20',
      '18-20',
      '21-25',
      '21-25',
      '26-39',
      '26-39',
      '40+',
    ]);
    expect(ageBand(null)).toBe('not known');
    expect(ageBand(-1)).toBe('not known');
  });
});

describe('ethnic groups', () => {
  it('has the 19 census categories plus not stated, and only the high-level group leaves', () => {
    expect(ETHNICITY_CODES).toHaveLength(20);
    expect(ethnicGroup('asian-bangladeshi')).toBe('Asian');
    expect(ethnicGroup('white-roma')).toBe('White');
    expect(ethnicGroup('made-up')).toBe('Not stated');
    expect(ethnicGroup(null)).toBe('Not stated');
  });
});
