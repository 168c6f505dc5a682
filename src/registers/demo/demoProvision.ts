import type { Prng } from '../../synth/prng.ts';
import { dayIn, monthsTo, pick, plusDays } from './demoCalendar.ts';
import type { RawEntry } from './demoOperations.ts';
import type { DemoPlaces } from './demoPlaces.ts';

/*
 * The demo's provision map: 25 invented services (SYNTHETIC), every type and every need. Services for the whole
 * borough meet only needs such as domestic abuse or drugs; the knife crime and youth violence services each cover a
 * few wards, drawn towards the wards with the most weapons offences but never from three chosen wards (the second
 * highest and two of the lowest), so the gap view has wards of high need and none with no service. Four services'
 * funding ends within six months of today, for the funding cliff. Evidence ratings are invented for the demo.
 */

/*
 * The services, one a line: name | kind of provider | type | needs (the register's terms, ';'-separated) | ages |
 * cohort | wards covered (0: the whole borough) | evidence impact | evidence strength. Terms are checked by
 * saveEntry like any form's.
 */
const SERVICES = `
Youth Outreach Street Team | voluntary organisation | prevention | knife crime;youth violence | 11-19 | Young people out late | 3 | moderate | 3 - moderate
A&E Youth Navigators | commissioned | early intervention | youth violence;knife crime | 11-25 | Young people in A&E after violence | 1 | moderate | 2 - limited
Mentoring for Young People at Risk | voluntary organisation | early intervention | youth violence;exploitation | 10-18 | Referred by schools and social care | 2 | moderate | 4 - strong
Child Exploitation Team | statutory agency | support for victims | exploitation | 10-18 | Children at risk of exploitation | 0 | not rated | not rated
Knife Crime Awareness in Schools | commissioned | prevention | knife crime | 11-16 | Pupils in secondary schools | 4 | unclear | 1 - very limited
Sports Evenings | voluntary organisation | diversion | youth violence | 12-19 | Young people on the estates | 2 | moderate | 2 - limited
Domestic Abuse Advocacy (IDVA) | commissioned | support for victims | domestic abuse;violence against women and girls | 16-120 | Victims at high risk | 0 | not rated | not rated
Women's Safety Night Patrols | voluntary organisation | prevention | violence against women and girls;night-time economy violence | 18-120 | Women in the night-time economy | 2 | not rated | not rated
Night-Time Safe Haven | commissioned | support for victims | night-time economy violence;drugs and alcohol | 18-120 | People hurt or at risk at night | 1 | not rated | not rated
Young People's Drug and Alcohol Service | commissioned | early intervention | drugs and alcohol | 11-24 | Young people using drugs or alcohol | 0 | moderate | 3 - moderate
Integrated Offender Management | statutory agency | enforcement | reoffending | 18-120 | Adults who offend most | 0 | not rated | not rated
Youth Justice Diversion | statutory agency | diversion | reoffending | 10-17 | Children given out-of-court disposals | 0 | moderate | 4 - strong
Trading Standards Knife Sales Programme | statutory agency | enforcement | knife crime | - | Retailers selling knives | 4 | not rated | not rated
Parenting Support for Families | voluntary organisation | early intervention | youth violence;exploitation | 0-18 | Parents of children at risk | 3 | moderate | 3 - moderate
Detached Youth Work on Estates | voluntary organisation | prevention | youth violence;exploitation | 11-19 | Young people not in services | 3 | unclear | 2 - limited
Trauma-Informed Therapy for Young Victims | commissioned | support for victims | youth violence;knife crime | 10-25 | Young victims of violence | 2 | high | 3 - moderate
Gangs Exit Programme | commissioned | diversion | exploitation;reoffending | 16-25 | Young people leaving gangs | 2 | unclear | 1 - very limited
Domestic Abuse Perpetrator Programme | commissioned | early intervention | domestic abuse | 18-120 | Adults who harm partners | 0 | not rated | not rated
School Exclusion Prevention | statutory agency | early intervention | youth violence | 11-16 | Pupils at risk of exclusion | 3 | moderate | 2 - limited
Focused Deterrence Pilot | commissioned | enforcement | knife crime;youth violence | 14-25 | Groups involved in violence | 2 | high | 3 - moderate
Weapon Sweeps with Residents | statutory agency | enforcement | knife crime | - | Residents and estate staff | 3 | not rated | not rated
Sexual Violence Advocacy (ISVA) | commissioned | support for victims | violence against women and girls | 13-120 | Victims of sexual violence | 0 | not rated | not rated
Music and Arts Diversion | voluntary organisation | diversion | youth violence | 13-21 | Young people referred by youth justice | 2 | low | 2 - limited
Transition Support at 18 | voluntary organisation | early intervention | exploitation | 17-25 | Young adults leaving care | 2 | not rated | not rated
Licensed Premises Partnership | statutory agency | prevention | night-time economy violence;drugs and alcohol | 18-120 | Pubs, clubs and their staff | 2 | not rated | not rated
`
  .trim()
  .split('\n')
  .map((line) => {
    const cells = line.split(' | ');
    const [name = '', kind = '', type = '', needs = '', ages = '-', cohort = '', wards = '0'] = cells;
    const [impact = '', strength = ''] = cells.slice(7);
    const [from, to] = ages === '-' ? ['', ''] : ages.split('-');
    return { name, kind, type, needs, from, to, cohort, wards: Number(wards), impact, strength };
  });

/** Indexes of the services whose funding ends within six months of today. */
const ENDING_SOON = new Set([5, 8, 15, 19]);
const FUNDERS = ['council core budget', 'VRU grant', 'Home Office grant', 'charitable trust', 'NHS commissioning'];

/** The three wards no ward-based service covers: the second most weapons offences, and two of the fewest. */
export function uncoveredWards(places: DemoPlaces): string[] {
  const byNeed = [...places.wardWeapons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  return [byNeed[1], byNeed.at(-1), byNeed.at(-4)].filter((w): w is string => w !== undefined);
}

export function demoServices(rng: Prng, places: DemoPlaces, today: string): RawEntry[] {
  const uncovered = new Set(uncoveredWards(places));
  const months = monthsTo(places.latestMonth, 36);
  return SERVICES.map(({ name, kind, type, needs, from, to, cohort, wards: wardCount, impact, strength }, i) => {
    const wards = new Set<string>();
    while (wards.size < wardCount) {
      const w = places.drawWard(rng);
      if (!uncovered.has(w)) wards.add(w);
    }
    const capacity = rng.between(2, 20) * 10;
    const ends = ENDING_SOON.has(i) ? rng.between(20, 170) : kind === 'statutory agency' ? null : rng.between(220, 900);
    return {
      name: `SYNTHETIC ${name}`,
      provider: `SYNTHETIC ${kind === 'statutory agency' ? 'Council or police team' : `Provider ${String(i + 1).padStart(2, '0')}`}`,
      provider_kind: kind,
      description: `SYNTHETIC service invented for the demo: ${type} for ${cohort.toLowerCase()}. Its evidence rating is invented too.`,
      service_type: type,
      needs,
      age_from: from ?? '',
      age_to: to ?? '',
      cohort: `SYNTHETIC: ${cohort}`,
      whole_borough: wardCount === 0 ? 'yes' : 'no',
      wards: [...wards].join(';'),
      started_on: dayIn(rng, pick(rng, months)),
      capacity: String(capacity),
      caseload: String(Math.round(capacity * (0.5 + rng.next() * 0.6))),
      referral_route: 'SYNTHETIC: referral form from schools, police and social care; self-referral by phone.',
      funding_source: `SYNTHETIC: ${pick(rng, FUNDERS)}`,
      funding_ends_on: ends === null ? '' : plusDays(today, ends),
      evidence_impact: impact,
      evidence_strength: strength,
      evidence_source: 'https://youthendowmentfund.org.uk/toolkit/',
      contact: `synthetic-service-${String(i + 1).padStart(2, '0')}@example.org`,
    };
  });
}
