import { describe, expect, it } from 'vitest';
import { ageOn } from '../../domain/panels/demographics.ts';
import { inventedFamilyName, syntheticPeople } from './syntheticPeople.ts';

const MACE = { ages: { min: 10, max: 17 }, on: '2026-12-07' };

describe('SYNTHETIC people', () => {
  it('are the same people for the same seed and different ones for another', () => {
    const a = syntheticPeople(7, 50, MACE);
    expect(syntheticPeople(7, 50, MACE)).toEqual(a);
    const b = syntheticPeople(8, 50, MACE);
    expect(b.map((p) => p.dateOfBirth)).not.toEqual(a.map((p) => p.dateOfBirth));
  });

  it('are every one labelled SYNTHETIC and named Synthetic, with no two family names alike', () => {
    const people = syntheticPeople(1, 3000, MACE);
    expect(people.every((p) => p.label === 'SYNTHETIC' && p.givenName === 'Synthetic')).toBe(true);
    expect(new Set(people.map((p) => p.familyName)).size).toBe(3000);
  });

  it('spell the family name from the number: 42 is 0x002a, syllables qe qe zi plo', () => {
    expect(inventedFamilyName(42)).toBe('Qeqeziplo-0042');
    expect(inventedFamilyName(1)).toBe('Qeqeqexo-0001');
  });

  it('are aged within the panel range on the day', () => {
    const ages = syntheticPeople(3, 2000, MACE).map((p) => ageOn(p.dateOfBirth, MACE.on));
    expect(Math.min(...ages)).toBe(10);
    expect(Math.max(...ages)).toBe(17);
  });

  it('are mostly Asian/Bangladeshi, like Tower Hamlets under-25s (46% weight), then White British (14%)', () => {
    const people = syntheticPeople(5, 4000, MACE);
    const share = (code: string) => people.filter((p) => p.special.ethnicity === code).length / people.length;
    expect(share('asian-bangladeshi')).toBeGreaterThan(0.42);
    expect(share('asian-bangladeshi')).toBeLessThan(0.5);
    expect(share('white-british')).toBeGreaterThan(0.11);
    expect(share('white-british')).toBeLessThan(0.17);
  });

  it('are mostly women and girls when asked (MARAC), about half otherwise', () => {
    const marac = syntheticPeople(6, 2000, { ...MACE, femaleShare: 0.9 });
    expect(marac.filter((p) => p.sex === 'female').length / 2000).toBeGreaterThan(0.86);
    const mace = syntheticPeople(6, 2000, MACE);
    expect(mace.filter((p) => p.sex === 'female').length / 2000).toBeLessThan(0.53);
  });
});
