import type { PersonSex } from '../../db/tables/panels.ts';
import type { EthnicityCode } from '../../domain/panels/demographics.ts';
import { Prng, Weighted } from '../../synth/prng.ts';
import type { NewPerson } from '../people/person.ts';

/*
 * SYNTHETIC people for the demo, the bench and tests (issue 21): never anyone real. Every person's given name is
 * "Synthetic" (the field every page shows first), and the family name is an invented word of syllables chosen
 * from the person's number plus the number itself, e.g. "Synthetic Qexobazi-0042", so no two people in one run
 * share a name (repeat detection matches on names) and none reads like a real surname. Seeded: the same seed gives
 * the same people on any machine.
 */

export const SYNTHETIC_GIVEN_NAME = 'Synthetic';
export const SYNTHETIC_LABEL = 'SYNTHETIC' as const;

export interface SyntheticPerson extends NewPerson {
  /** Shown with every generated record so nobody takes it for a real one. */
  label: typeof SYNTHETIC_LABEL;
}

/**
 * Ethnic group of Tower Hamlets' under-25s, roughly (2021 Census, rounded to whole or half per cents): Bangladeshi
 * the largest by far, then White British, other White, Black African. A weighting for plausible demo counts, not
 * a statistic to quote.
 */
export const TOWER_HAMLETS_YOUNG_ETHNICITY: Readonly<Record<EthnicityCode, number>> = {
  'asian-bangladeshi': 46,
  'white-british': 14,
  'white-other': 7,
  'black-african': 6,
  'asian-other': 3,
  'not-stated': 3,
  'mixed-other': 2.5,
  'other-any': 2.5,
  'black-caribbean': 2,
  'mixed-white-black-caribbean': 2,
  'asian-indian': 2,
  'other-arab': 2,
  'black-other': 1.5,
  'mixed-white-asian': 1.5,
  'asian-pakistani': 1.5,
  'mixed-white-black-african': 1,
  'asian-chinese': 1,
  'white-irish': 0.5,
  'white-roma': 0.3,
  'white-gypsy-traveller': 0.2,
};

/** Syllables no English surname is made of in this order; 16 of them, so a number spells one word. */
const SYLLABLES = [
  'qe',
  'xo',
  'zi',
  'vu',
  'ba',
  'ky',
  'fo',
  'ju',
  'wex',
  'dri',
  'plo',
  'gno',
  'tsa',
  'mi',
  'rhu',
  'yo',
];

/** An invented family name from a person's number: its hex digits as syllables, then the number. */
export function inventedFamilyName(n: number): string {
  let word = '';
  for (const digit of n.toString(16).padStart(4, '0')) word += SYLLABLES[Number.parseInt(digit, 16)];
  return `${word[0]!.toUpperCase()}${word.slice(1)}-${String(n).padStart(4, '0')}`;
}

export interface PeopleOptions {
  /** Ages (whole years on `on`) the people are drawn from, inclusive: a panel's age range. */
  ages: { min: number; max: number };
  /** The day ages are counted on, 'YYYY-MM-DD'. */
  on: string;
  /** Share of women and girls (default 0.48; about 0.9 for MARAC's victims); 2% are "not known". */
  femaleShare?: number;
}

const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A birthday `years` before `day`, 29 February falling back to the 28th. */
const yearsBefore = (day: string, years: number): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${y - years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** The generator: `next()` gives the next person; people are numbered from `first`. */
export class SyntheticPeople {
  private readonly rng: Prng;
  private readonly ethnicity = Weighted.of(TOWER_HAMLETS_YOUNG_ETHNICITY);
  private n: number;

  constructor(seed: number, first = 1) {
    this.rng = new Prng(seed);
    this.n = first;
  }

  next(options: PeopleOptions): SyntheticPerson {
    const { rng } = this;
    // Older panels' ranges run to 120; a demo person is at most 60.
    const age = rng.between(options.ages.min, Math.min(options.ages.max, Math.max(options.ages.min, 60)));
    // Up to 363 days before the birthday that makes them `age` on the day: still `age` then.
    const dateOfBirth = addDays(yearsBefore(options.on, age), -rng.between(0, 363));
    const r = rng.next();
    const female = options.femaleShare ?? 0.48;
    const sex: PersonSex = r < 0.02 ? 'not-known' : r < 0.02 + female ? 'female' : 'male';
    const ethnicity = this.ethnicity.draw(rng);
    const health = rng.chance(0.15) ? 'SYNTHETIC: an invented health note for the demo' : undefined;
    const number = this.n++;
    return {
      label: SYNTHETIC_LABEL,
      givenName: SYNTHETIC_GIVEN_NAME,
      familyName: inventedFamilyName(number),
      dateOfBirth,
      sex,
      special: health ? { ethnicity, health } : { ethnicity },
    };
  }
}

/** `count` people from one seed, all in one age range (tests, the bench). */
export function syntheticPeople(seed: number, count: number, options: PeopleOptions): SyntheticPerson[] {
  const g = new SyntheticPeople(seed);
  return Array.from({ length: count }, () => g.next(options));
}
