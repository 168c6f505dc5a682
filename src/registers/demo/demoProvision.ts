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

type Kind = 'statutory agency' | 'voluntary organisation' | 'commissioned' | 'other';
type ServiceType = 'prevention' | 'early intervention' | 'diversion' | 'support for victims' | 'enforcement';
/** name, provider kind, type, needs, ages, cohort, wards covered (0 = whole borough), impact, strength. */
type Service = [string, Kind, ServiceType, string[], [number, number] | null, string, number, string, string];

const KC = 'knife crime';
const YV = 'youth violence';
const EX = 'exploitation';
const DA = 'domestic abuse';
const VW = 'violence against women and girls';
const NT = 'night-time economy violence';
const DR = 'drugs and alcohol';
const RE = 'reoffending';

const SERVICES: Service[] = [
  [
    'Youth Outreach Street Team',
    'voluntary organisation',
    'prevention',
    [KC, YV],
    [11, 19],
    'Young people out late',
    3,
    'moderate',
    '3 - moderate',
  ],
  [
    'A&E Youth Navigators',
    'commissioned',
    'early intervention',
    [YV, KC],
    [11, 25],
    'Young people in A&E after violence',
    1,
    'moderate',
    '2 - limited',
  ],
  [
    'Mentoring for Young People at Risk',
    'voluntary organisation',
    'early intervention',
    [YV, EX],
    [10, 18],
    'Referred by schools and social care',
    2,
    'moderate',
    '4 - strong',
  ],
  [
    'Child Exploitation Team',
    'statutory agency',
    'support for victims',
    [EX],
    [10, 18],
    'Children at risk of exploitation',
    0,
    'not rated',
    'not rated',
  ],
  [
    'Knife Crime Awareness in Schools',
    'commissioned',
    'prevention',
    [KC],
    [11, 16],
    'Pupils in secondary schools',
    4,
    'unclear',
    '1 - very limited',
  ],
  [
    'Sports Evenings',
    'voluntary organisation',
    'diversion',
    [YV],
    [12, 19],
    'Young people on the estates',
    2,
    'moderate',
    '2 - limited',
  ],
  [
    'Domestic Abuse Advocacy (IDVA)',
    'commissioned',
    'support for victims',
    [DA, VW],
    [16, 120],
    'Victims at high risk',
    0,
    'not rated',
    'not rated',
  ],
  [
    "Women's Safety Night Patrols",
    'voluntary organisation',
    'prevention',
    [VW, NT],
    [18, 120],
    'Women in the night-time economy',
    2,
    'not rated',
    'not rated',
  ],
  [
    'Night-Time Safe Haven',
    'commissioned',
    'support for victims',
    [NT, DR],
    [18, 120],
    'People hurt or at risk at night',
    1,
    'not rated',
    'not rated',
  ],
  [
    "Young People's Drug and Alcohol Service",
    'commissioned',
    'early intervention',
    [DR],
    [11, 24],
    'Young people using drugs or alcohol',
    0,
    'moderate',
    '3 - moderate',
  ],
  [
    'Integrated Offender Management',
    'statutory agency',
    'enforcement',
    [RE],
    [18, 120],
    'Adults who offend most',
    0,
    'not rated',
    'not rated',
  ],
  [
    'Youth Justice Diversion',
    'statutory agency',
    'diversion',
    [RE],
    [10, 17],
    'Children given out-of-court disposals',
    0,
    'moderate',
    '4 - strong',
  ],
  [
    'Trading Standards Knife Sales Programme',
    'statutory agency',
    'enforcement',
    [KC],
    null,
    'Retailers selling knives',
    4,
    'not rated',
    'not rated',
  ],
  [
    'Parenting Support for Families',
    'voluntary organisation',
    'early intervention',
    [YV, EX],
    [0, 18],
    'Parents of children at risk',
    3,
    'moderate',
    '3 - moderate',
  ],
  [
    'Detached Youth Work on Estates',
    'voluntary organisation',
    'prevention',
    [YV, EX],
    [11, 19],
    'Young people not in services',
    3,
    'unclear',
    '2 - limited',
  ],
  [
    'Trauma-Informed Therapy for Young Victims',
    'commissioned',
    'support for victims',
    [YV, KC],
    [10, 25],
    'Young victims of violence',
    2,
    'high',
    '3 - moderate',
  ],
  [
    'Gangs Exit Programme',
    'commissioned',
    'diversion',
    [EX, RE],
    [16, 25],
    'Young people leaving gangs',
    2,
    'unclear',
    '1 - very limited',
  ],
  [
    'Domestic Abuse Perpetrator Programme',
    'commissioned',
    'early intervention',
    [DA],
    [18, 120],
    'Adults who harm partners',
    0,
    'not rated',
    'not rated',
  ],
  [
    'School Exclusion Prevention',
    'statutory agency',
    'early intervention',
    [YV],
    [11, 16],
    'Pupils at risk of exclusion',
    3,
    'moderate',
    '2 - limited',
  ],
  [
    'Focused Deterrence Pilot',
    'commissioned',
    'enforcement',
    [KC, YV],
    [14, 25],
    'Groups involved in violence',
    2,
    'high',
    '3 - moderate',
  ],
  [
    'Weapon Sweeps with Residents',
    'statutory agency',
    'enforcement',
    [KC],
    null,
    'Residents and estate staff',
    3,
    'not rated',
    'not rated',
  ],
  [
    'Sexual Violence Advocacy (ISVA)',
    'commissioned',
    'support for victims',
    [VW],
    [13, 120],
    'Victims of sexual violence',
    0,
    'not rated',
    'not rated',
  ],
  [
    'Music and Arts Diversion',
    'voluntary organisation',
    'diversion',
    [YV],
    [13, 21],
    'Young people referred by youth justice',
    2,
    'low',
    '2 - limited',
  ],
  [
    'Transition Support at 18',
    'voluntary organisation',
    'early intervention',
    [EX],
    [17, 25],
    'Young adults leaving care',
    2,
    'not rated',
    'not rated',
  ],
  [
    'Licensed Premises Partnership',
    'statutory agency',
    'prevention',
    [NT, DR],
    [18, 120],
    'Pubs, clubs and their staff',
    2,
    'not rated',
    'not rated',
  ],
];
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
  return SERVICES.map(([name, kind, type, needs, ages, cohort, wardCount, impact, strength], i) => {
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
      needs: needs.join(';'),
      age_from: ages ? String(ages[0]) : '',
      age_to: ages ? String(ages[1]) : '',
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
