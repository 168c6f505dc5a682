import type { Ethnicity, Outcome, PoliceLocationType } from '../ingest/partner/partnerVocabulary.ts';
import { lastDayOf } from '../domain/periods/month.ts';
import { addDays, CalendarDraws, pad2 } from './calendarDraws.ts';
import {
  DEFAULT_PROFILE,
  DOMESTIC_LOCATIONS,
  HATE_STRAND_WEIGHTS,
  OFFENCE_PROFILES,
  YOUTH_LOCATIONS,
  type OffenceProfile,
} from './offenceProfiles.ts';
import { PeopleFactory, PersonPool, type Person } from './people.ts';
import { REPEAT_VICTIM, SUSPECT_MALE, YOUNG_SUSPECT_WAS_VICTIM } from './personProfiles.ts';
import { Prng, Weighted } from './prng.ts';
import { isSchoolTermWeekday } from '../domain/periods/schoolCalendar.ts';
import type { HourProfile } from './timeProfiles.ts';

/** How many offences the MPS counted in one ward, month and Home Office category. */
export interface CountCell {
  /** 'YYYY-MM' */
  month: string;
  wardCode: string;
  major: string;
  minor: string;
  count: number;
}

const SANCTIONS = {
  drugs: Weighted.of<Outcome>({ charge_summons: 0.35, drugs_warning: 0.35, caution: 0.15, penalty_notice: 0.15 }),
  minor: Weighted.of<Outcome>({
    charge_summons: 0.6,
    caution: 0.15,
    penalty_notice: 0.15,
    taken_into_consideration: 0.1,
  }),
  other: Weighted.of<Outcome>({ charge_summons: 0.82, caution: 0.13, taken_into_consideration: 0.05 }),
};
const NON_SANCTION = {
  victim: Weighted.of<Outcome>({
    community_resolution: 0.25,
    evidential_difficulties_victim_not_supporting: 0.45,
    evidential_difficulties: 0.2,
    not_in_public_interest: 0.1,
  }),
  noVictim: Weighted.of<Outcome>({
    community_resolution: 0.4,
    evidential_difficulties: 0.4,
    not_in_public_interest: 0.2,
  }),
};
const MINOR_SANCTION = new Set([
  'SHOPLIFTING',
  'OTHER THEFT',
  'PUBLIC FEAR ALARM OR DISTRESS',
  'OTHER OFFENCES PUBLIC ORDER',
  'CRIMINAL DAMAGE',
]);
const QUICK_OUTCOME = new Set(['POSSESSION OF DRUGS', 'TRAFFICKING OF DRUGS', 'POSSESSION OF WEAPONS', 'SHOPLIFTING']);
const RECORDING_LAG = new Weighted<readonly [number, number]>([
  [[0, 0], 0.6],
  [[1, 1], 0.25],
  [[2, 7], 0.12],
  [[8, 30], 0.03],
]);

/**
 * Generates synthetic police records (partner-police-extract columns, in
 * order) for count cells fed in month order. Pure: no I/O, no clock; the same
 * seed and cells give the same records.
 */
export class PoliceRecordGenerator {
  private readonly rng: Prng;
  private readonly draws = new CalendarDraws();
  private readonly people: PeopleFactory;
  private readonly wardVictims = new Map<string, PersonPool>();
  private readonly domesticVictims = new PersonPool(5_000);
  private readonly youngVictims = new PersonPool(5_000);
  private readonly locations = new Map<object, Weighted<PoliceLocationType>>();
  private readonly hateStrands = Weighted.of(HATE_STRAND_WEIGHTS);
  private readonly termDays = new Map<string, boolean>();
  private seq = 0;

  constructor(
    private readonly opts: {
      boroughCode: string;
      seed: number;
      ethnicityShares: Readonly<Record<Exclude<Ethnicity, 'not_stated'>, number>>;
      /** Outcomes dated after this ('YYYY-MM-DD') are still under investigation. */
      extractDate: string;
    },
  ) {
    this.rng = new Prng(opts.seed);
    this.people = new PeopleFactory(`SYNP-${opts.boroughCode}-`, opts.ethnicityShares);
  }

  *records(cell: CountCell): Generator<(string | number | null)[]> {
    const profile = OFFENCE_PROFILES[cell.minor.toUpperCase()] ?? DEFAULT_PROFILE;
    for (let i = 0; i < cell.count; i += 1) yield this.record(cell, profile);
  }

  private record(cell: CountCell, profile: OffenceProfile): (string | number | null)[] {
    const rng = this.rng;
    const monthIndex = Number(cell.month.slice(5, 7)) - 1;
    const minor = cell.minor.toUpperCase();
    const domestic = rng.chance(profile.domesticAbuse);
    const victim = rng.chance(domestic ? 1 : profile.personalVictim)
      ? this.victim(cell.wardCode, profile, domestic, monthIndex)
      : null;
    const youth = victim !== null && victim.age !== null && victim.age < 18;

    const date = this.draws.day(rng, cell.month, youth ? 'youth' : domestic ? 'domestic' : profile.weekdays);
    const knife = rng.chance(profile.knife);
    const firearm = rng.chance(profile.firearm);
    const hours: HourProfile = youth
      ? this.isTermDay(date)
        ? 'youthTerm'
        : 'youthOther'
      : (knife || firearm) && (profile.hours === 'violence' || profile.hours === 'robbery')
        ? 'night'
        : domestic
          ? 'domestic'
          : profile.hours;
    const time = `${pad2(this.draws.hour(rng, hours))}:${pad2(rng.between(0, 59))}`;
    const timeUnknown = rng.chance(profile.timeUnknown);
    const from = timeUnknown ? `${date} ${pad2(rng.between(17, 22))}:00` : `${date} ${time}`;
    const to = timeUnknown ? `${addDays(date, 1)} ${pad2(rng.between(6, 9))}:${pad2(rng.between(0, 59))}` : from;
    // Recorded in the offence month, so counting by either month gives the MPS figure back.
    const [lagLo, lagHi] = RECORDING_LAG.draw(rng);
    let recorded = addDays(date, rng.between(lagLo, lagHi));
    const lastDay = lastDayOf(cell.month);
    if (recorded > lastDay) recorded = lastDay;

    const hate = rng.chance(profile.hate);
    const strand = !hate
      ? null
      : minor === 'RACE OR RELIGIOUS AGG PUBLIC FEAR'
        ? rng.chance(0.85)
          ? 'race'
          : 'religion'
        : this.hateStrands.draw(rng);
    const location = this.location(domestic ? DOMESTIC_LOCATIONS : youth ? YOUTH_LOCATIONS : profile.locations);

    const u = rng.next();
    const suspectFound = u < Math.max(profile.suspect, domestic ? 0.85 : 0);
    let outcome: Outcome =
      u < profile.sanction
        ? (minor === 'POSSESSION OF DRUGS'
            ? SANCTIONS.drugs
            : MINOR_SANCTION.has(minor)
              ? SANCTIONS.minor
              : SANCTIONS.other
          ).draw(rng)
        : suspectFound
          ? (victim ? NON_SANCTION.victim : NON_SANCTION.noVictim).draw(rng)
          : 'no_suspect';
    const sanction = u < profile.sanction;
    const lag = sanction
      ? QUICK_OUTCOME.has(minor)
        ? rng.between(0, 30)
        : rng.between(1, 120)
      : suspectFound
        ? rng.between(7, 150)
        : rng.between(3, 60);
    let outcomeDate: string | null = addDays(date, lag);
    if (outcomeDate > this.opts.extractDate) {
      outcome = 'under_investigation';
      outcomeDate = null;
    }
    const suspect = suspectFound ? this.suspect(victim, profile, domestic, monthIndex) : null;

    this.seq += 1;
    const n = String(this.seq).padStart(7, '0');
    const yn = (b: boolean) => (b ? 'Y' : 'N');
    return [
      `SYN-${this.opts.boroughCode}-${n}`,
      `SYNCR-${this.opts.boroughCode}-${n}`,
      'SYNTHETIC',
      date,
      timeUnknown ? null : time,
      from,
      to,
      recorded,
      this.opts.boroughCode,
      cell.wardCode,
      null,
      cell.major,
      cell.minor,
      yn(domestic),
      yn(knife),
      yn(firearm),
      yn(hate),
      strand,
      yn(profile.sexual),
      victim?.id ?? null,
      victim?.age ?? null,
      victim?.sex ?? null,
      victim?.ethnicity ?? null,
      suspect?.id ?? null,
      suspect?.age ?? null,
      suspect?.sex ?? null,
      suspect?.ethnicity ?? null,
      location,
      outcome,
      outcomeDate,
    ];
  }

  private victim(ward: string, profile: OffenceProfile, domestic: boolean, monthIndex: number): Person {
    const rng = this.rng;
    let pool = this.wardVictims.get(ward);
    if (!pool) {
      pool = new PersonPool(2_000);
      this.wardVictims.set(ward, pool);
    }
    const repeatPool = domestic ? this.domesticVictims : pool;
    if (rng.chance(domestic ? REPEAT_VICTIM.domestic : REPEAT_VICTIM.other)) {
      const again = repeatPool.pick(rng);
      if (again) return again;
    }
    const age = this.people.age(rng, domestic ? 'domestic' : profile.victimAge, monthIndex);
    const person = this.people.make(rng, 'victim', age, domestic ? 0.25 : profile.victimMale);
    repeatPool.add(person);
    if (age !== null && age < 25) this.youngVictims.add(person);
    return person;
  }

  private suspect(victim: Person | null, profile: OffenceProfile, domestic: boolean, monthIndex: number): Person {
    const rng = this.rng;
    let age: number | null;
    if (victim?.age != null && victim.age < 18) age = Math.min(19, Math.max(10, victim.age + rng.between(-1, 3)));
    else if (domestic && victim?.age != null) age = Math.min(90, Math.max(16, victim.age + rng.between(-5, 8)));
    else age = this.people.age(rng, profile.suspectAge, monthIndex);
    if (age !== null && age < 25 && rng.chance(YOUNG_SUSPECT_WAS_VICTIM)) {
      const former = this.youngVictims.pick(rng, victim);
      if (former) return former;
    }
    const male = profile.sexual
      ? SUSPECT_MALE.sexual
      : domestic
        ? victim?.sex === 'male'
          ? 1 - SUSPECT_MALE.domestic
          : SUSPECT_MALE.domestic
        : SUSPECT_MALE.other;
    return this.people.make(rng, 'suspect', age, male);
  }

  private location(weights: OffenceProfile['locations']): PoliceLocationType {
    let table = this.locations.get(weights);
    if (!table) {
      table = Weighted.of(weights);
      this.locations.set(weights, table);
    }
    return table.draw(this.rng);
  }

  private isTermDay(date: string): boolean {
    let term = this.termDays.get(date);
    if (term === undefined) {
      term = isSchoolTermWeekday(date);
      this.termDays.set(date, term);
    }
    return term;
  }
}
