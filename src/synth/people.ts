import type { Ethnicity, Sex } from '../ingest/partner/partnerVocabulary.ts';
import { type Prng, Weighted } from './prng.ts';
import { AGE_PROFILES, NOT_STATED, UNKNOWN_AGE, UNKNOWN_SEX, type AgeProfile } from './personProfiles.ts';
import { YOUTH_MONTH_FACTOR } from './timeProfiles.ts';

/** A synthetic person: the same pseudonymous id can appear as victim and as suspect. */
export interface Person {
  id: string;
  age: number | null;
  sex: Sex;
  ethnicity: Ethnicity;
}

/** A bounded pool of recent people to draw repeats from: memory stays flat however long the period. */
export class PersonPool {
  private readonly people: Person[] = [];
  private next = 0;
  constructor(private readonly capacity: number) {}

  add(person: Person): void {
    if (this.people.length < this.capacity) this.people.push(person);
    else this.people[this.next] = person;
    this.next = (this.next + 1) % this.capacity;
  }

  pick(rng: Prng, not?: Person | null): Person | null {
    if (this.people.length === 0) return null;
    const person = this.people[Math.floor(rng.next() * this.people.length)]!;
    return person === not ? null : person;
  }
}

/** Makes new people with profiled age, sex and ethnicity, and numbers them. */
export class PeopleFactory {
  private count = 0;
  private readonly ages = new Map<string, Weighted<readonly [number, number]>>();
  private readonly ethnicity: { victim: Weighted<Ethnicity>; suspect: Weighted<Ethnicity> };

  constructor(
    private readonly idPrefix: string,
    shares: Readonly<Record<Exclude<Ethnicity, 'not_stated'>, number>>,
  ) {
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    const table = (notStated: number) =>
      new Weighted<Ethnicity>([
        ...Object.entries(shares).map(([k, v]) => [k as Ethnicity, (v / total) * (1 - notStated)] as const),
        ['not_stated', notStated],
      ]);
    this.ethnicity = { victim: table(NOT_STATED.victim), suspect: table(NOT_STATED.suspect) };
  }

  /** An age from a profile; under-18 bands are weighted by the month's youth factor (monthIndex 0 = January). */
  age(rng: Prng, profile: AgeProfile, monthIndex: number): number | null {
    if (rng.chance(UNKNOWN_AGE)) return null;
    const key = `${profile}|${monthIndex}`;
    let table = this.ages.get(key);
    if (!table) {
      const factor = YOUTH_MONTH_FACTOR[monthIndex]!;
      table = new Weighted(
        AGE_PROFILES[profile].map(([lo, hi, w]) => [[lo, hi] as const, hi < 18 ? w * factor : w] as const),
      );
      this.ages.set(key, table);
    }
    const [lo, hi] = table.draw(rng);
    return rng.between(lo, hi);
  }

  make(rng: Prng, role: 'victim' | 'suspect', age: number | null, male: number): Person {
    this.count += 1;
    const sex: Sex = rng.chance(UNKNOWN_SEX) ? 'unknown' : rng.chance(male) ? 'male' : 'female';
    return {
      id: `${this.idPrefix}${String(this.count).padStart(6, '0')}`,
      age,
      sex,
      ethnicity: this.ethnicity[role].draw(rng),
    };
  }
}
