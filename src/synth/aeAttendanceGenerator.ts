import { ageBandOf, type AssaultLocationType, type AssaultMethod } from '../ingest/partner/partnerVocabulary.ts';
import { daysInMonth } from '../domain/periods/month.ts';
import { CalendarDraws, pad2 } from './calendarDraws.ts';
import { PeopleFactory } from './people.ts';
import { LONDON_ETHNICITY_2021 } from './personProfiles.ts';
import { Prng, Weighted } from './prng.ts';
import { isSchoolTermWeekday } from '../domain/periods/schoolCalendar.ts';

/**
 * ISTV assault attendances per police-recorded VIOLENCE WITH INJURY offence
 * in the borough, as a fraction (40 per 100). Documented in synthetic-profiles.md.
 */
export const AE_PER_VWI = { numerator: 40, denominator: 100 } as const;

/** Attendances in each month: the running total of VWI × factor, floored, less what earlier months took. */
export function attendancesByMonth(vwiByMonth: readonly number[]): number[] {
  let cumulative = 0;
  let taken = 0;
  return vwiByMonth.map((vwi) => {
    cumulative += vwi;
    const due = Math.floor((cumulative * AE_PER_VWI.numerator) / AE_PER_VWI.denominator);
    const n = due - taken;
    taken = due;
    return n;
  });
}

const METHODS = Weighted.of<AssaultMethod>({
  body_part: 0.55,
  blunt_object: 0.12,
  knife_sharp: 0.12,
  firearm: 0.005,
  other: 0.08,
  unknown: 0.125,
});
const OTHER_METHODS = new Weighted(
  ['glass or bottle', 'bite', 'thrown object', 'vehicle', 'ligature'].map((m) => [m, 1] as const),
);
const ADULT_PLACES = Weighted.of<AssaultLocationType>({
  home: 0.3,
  street: 0.35,
  pub_club: 0.1,
  school_college: 0.01,
  workplace: 0.05,
  public_transport: 0.04,
  other: 0.07,
  unknown: 0.08,
});
const YOUTH_PLACES = Weighted.of<AssaultLocationType>({
  home: 0.15,
  street: 0.45,
  school_college: 0.15,
  public_transport: 0.07,
  other: 0.1,
  unknown: 0.08,
});
const DESCRIBE: Record<AssaultLocationType, (ward: string) => string | null> = {
  home: (w) => `Private address, ${w}`,
  street: (w) => `Street in ${w}`,
  pub_club: (w) => `Pub or club in ${w}`,
  school_college: (w) => `School grounds, ${w}`,
  workplace: (w) => `Workplace, ${w}`,
  public_transport: (w) => `Bus stop or station, ${w}`,
  other: (w) => w,
  unknown: () => null,
};
/** Minutes from assault to arrival: most within three hours, a few the next day. */
const DELAY = new Weighted<readonly [number, number]>([
  [[20, 60], 0.4],
  [[61, 180], 0.35],
  [[181, 720], 0.2],
  [[721, 2880], 0.05],
]);
/** Share of A&E assault attendances that are male (HSCIC, A&E attendances for assault May 2014–April 2015: 71.3%). */
const MALE = 0.713;

/** Generates synthetic ISTV attendances (ae-istv-extract columns, in order). Pure. */
export class AeAttendanceGenerator {
  private readonly rng: Prng;
  private readonly draws = new CalendarDraws();
  private readonly people = new PeopleFactory('', LONDON_ETHNICITY_2021);
  private seq = 0;

  constructor(private readonly opts: { siteCode: string; seed: number }) {
    // A separate stream from the police records, so each file stands alone.
    this.rng = new Prng(opts.seed ^ 0x5bd1e995);
  }

  *attendances(
    month: string,
    count: number,
    wards: readonly { name: string; weight: number }[],
  ): Generator<(string | null)[]> {
    const wardTable = new Weighted(wards.map((w) => [w.name, w.weight] as const));
    for (let i = 0; i < count; i += 1) yield this.attendance(month, wardTable);
  }

  private attendance(month: string, wards: Weighted<string>): (string | null)[] {
    const rng = this.rng;
    const age = this.people.age(rng, 'violence', Number(month.slice(5, 7)) - 1);
    const youth = age !== null && age < 18;
    const day = this.draws.day(rng, month, youth ? 'youth' : 'nightEconomy');
    const hour = this.draws.hour(rng, youth ? (isSchoolTermWeekday(day) ? 'youthTerm' : 'youthOther') : 'violence');
    const moment = Date.parse(`${day}T${pad2(hour)}:${pad2(rng.between(0, 59))}:00Z`);
    const [lo, hi] = DELAY.draw(rng);
    const delay = rng.between(lo, hi) * 60_000;
    const monthEnd = Date.parse(`${month}-${pad2(daysInMonth(month))}T23:59:00Z`);
    // The attendance belongs to the arrival month: keep arrival inside it, the assault may fall earlier.
    const [assault, arrival] = moment + delay <= monthEnd ? [moment, moment + delay] : [moment - delay, moment];
    const at = (t: number) => new Date(t).toISOString();
    const method = METHODS.draw(rng);
    const place = (youth ? YOUTH_PLACES : ADULT_PLACES).draw(rng);
    const timeKnown = !rng.chance(0.1);
    this.seq += 1;
    return [
      `SYN-AE-${this.opts.siteCode}-${String(this.seq).padStart(7, '0')}`,
      'SYNTHETIC',
      this.opts.siteCode,
      at(arrival).slice(0, 10),
      at(arrival).slice(11, 16),
      at(assault).slice(0, 10),
      timeKnown ? at(assault).slice(11, 16) : null,
      method,
      method === 'other' ? OTHER_METHODS.draw(rng) : null,
      place,
      DESCRIBE[place](wards.draw(rng)),
      ageBandOf(age),
      rng.chance(0.01) ? 'unknown' : rng.chance(MALE) ? 'male' : 'female',
    ];
  }
}
