import { describe, expect, it } from 'vitest';
import { categoryMatchKey } from '../../ingest/shared/categoryCatalogue.ts';
import { mappingsOf, offenceCatalogue, parseOffenceCatalogue, refKey } from './offenceCatalogue.ts';

const majors = (classification: string) =>
  offenceCatalogue.categories.filter((c) => c.classification === classification);

describe('offence catalogue data', () => {
  it('describes every classification importers use', () => {
    expect(Object.keys(offenceCatalogue.classifications).sort()).toEqual([
      'ho_aligned',
      'mps_dashboard',
      'mps_old',
      'police_uk',
    ]);
  });

  it('lists the 14 current police.uk crime types and the two retired ones', () => {
    const names = majors('police_uk')
      .map((c) => c.major)
      .sort();
    expect(names).toEqual([
      'Anti-social behaviour',
      'Bicycle theft',
      'Burglary',
      'Criminal damage and arson',
      'Drugs',
      'Other crime',
      'Other theft',
      'Possession of weapons',
      'Public disorder and weapons',
      'Public order',
      'Robbery',
      'Shoplifting',
      'Theft from the person',
      'Vehicle crime',
      'Violence and sexual offences',
      'Violent crime',
    ]);
  });

  it.each([
    [
      'mps_old',
      [
        'Burglary',
        'Criminal Damage',
        'Drugs',
        'Fraud or Forgery',
        'Other Notifiable Offences',
        'Robbery',
        'Sexual Offences',
        'Theft and Handling',
        'Violence Against the Person',
      ],
    ],
    [
      'ho_aligned',
      [
        'ARSON AND CRIMINAL DAMAGE',
        'BURGLARY',
        'DRUG OFFENCES',
        'FRAUD AND FORGERY',
        'MISCELLANEOUS CRIMES AGAINST SOCIETY',
        'NFIB FRAUD',
        'POSSESSION OF WEAPONS',
        'PUBLIC ORDER OFFENCES',
        'ROBBERY',
        'SEXUAL OFFENCES',
        'THEFT',
        'VEHICLE OFFENCES',
        'VIOLENCE AGAINST THE PERSON',
      ],
    ],
  ])('has every %s major, each with a whole-group entry', (classification, expected) => {
    const groups = majors(classification)
      .filter((c) => c.minor === '')
      .map((c) => c.major)
      .sort();
    expect(groups).toEqual(expected);
  });

  it('holds the old violence minors', () => {
    const minors = majors('mps_old')
      .filter((c) => c.major === 'Violence Against the Person')
      .map((c) => c.minor);
    expect(minors).toEqual(expect.arrayContaining(['Wounding/GBH', 'Assault with Injury', 'Common Assault']));
  });

  it('never lists two categories an importer could not tell apart', () => {
    const keys = offenceCatalogue.categories.map((c) => `${c.classification}|${categoryMatchKey(c.major, c.minor)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('maps each pair of categories at most once', () => {
    const pairs = offenceCatalogue.mappings.map((m) => `${refKey(m.from)}→${refKey(m.to)}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('reads mappings from either side', () => {
    const wounding = {
      classification: 'mps_old' as const,
      major: 'Violence Against the Person',
      minor: 'Wounding/GBH',
    };
    expect(mappingsOf(offenceCatalogue, wounding)).toEqual([
      {
        from: wounding,
        relation: 'narrower',
        to: { classification: 'ho_aligned', major: 'VIOLENCE AGAINST THE PERSON', minor: 'VIOLENCE WITH INJURY' },
      },
    ]);
    const vwi = {
      classification: 'ho_aligned' as const,
      major: 'VIOLENCE AGAINST THE PERSON',
      minor: 'VIOLENCE WITH INJURY',
    };
    expect(mappingsOf(offenceCatalogue, vwi)).toContainEqual({ from: vwi, relation: 'broader', to: wounding });
  });

  it('refuses data whose mappings name a category it does not list', () => {
    const data = {
      about: '',
      classifications: {},
      categories: { police_uk: [['Burglary', '']] },
      mappings: [['police_uk', 'Burglary', '', 'equivalent', 'ho_aligned', 'BURGLARY', '']],
    };
    expect(() => parseOffenceCatalogue(data)).toThrow(/unlisted category ho_aligned\|BURGLARY\|/);
  });

  it('refuses an unknown relation', () => {
    const data = {
      about: '',
      classifications: {},
      categories: {},
      mappings: [['police_uk', 'A', '', 'similar', 'police_uk', 'B', '']],
    };
    expect(() => parseOffenceCatalogue(data)).toThrow();
  });
});
