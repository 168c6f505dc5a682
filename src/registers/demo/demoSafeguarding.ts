import { type Prng, Weighted } from '../../synth/prng.ts';
import { dayIn, monthsTo, pick, plusDays } from './demoCalendar.ts';
import { drawStreet, type RawEntry } from './demoOperations.ts';
import type { DemoPlaces } from './demoPlaces.ts';

/*
 * The demo's SYNTHETIC OFFICIAL-SENSITIVE entries: the tension monitoring group's log (by ward), serious incidents
 * (some linked to an earlier tension) and locations of concern (with an invented site contact, the one personal
 * field). Every text says SYNTHETIC and names no one.
 */

const ISSUES = [
  'rivalry between groups of young people after a video posted online',
  'rumours on social media after a stabbing',
  'a protest planned about a local decision',
  'graffiti targeting a community',
  'tension between residents and young people on an estate',
  'fear in the area after a serious assault',
  'concern about drug dealing near a school',
  'hate incidents reported after events abroad',
];
const LEVELS = Weighted.of({ low: 8, medium: 7, high: 4, critical: 1 });
const TRENDS = Weighted.of({ rising: 3, stable: 5, falling: 3 });
const SOURCES = ['police', 'council', 'schools', 'health', 'community groups', 'social media', 'other'];

export function demoTensions(rng: Prng, places: DemoPlaces, count = 30): RawEntry[] {
  const months = monthsTo(places.latestMonth);
  return Array.from({ length: count }, (_, i) => {
    const ward = places.drawWard(rng);
    const name = places.wardNames.get(ward) ?? ward;
    const issue = pick(rng, ISSUES);
    const reported_on = dayIn(rng, months[Math.floor((i * 12) / count)] ?? places.latestMonth);
    const sources = [...new Set([pick(rng, SOURCES), pick(rng, SOURCES)])].join(';');
    return {
      reported_on,
      issue: `SYNTHETIC: ${issue} in ${name} (${i + 1})`,
      description: `SYNTHETIC entry for the demo: ${issue}, reported to the Tension Monitoring Group.`,
      communities: `SYNTHETIC: residents and young people of ${name}`,
      level: LEVELS.draw(rng),
      trend: TRENDS.draw(rng),
      sources,
      actions: 'SYNTHETIC: reassurance patrols, youth outreach and messages through community leaders.',
      review_on: plusDays(reported_on, 14),
      ward,
    };
  });
}

const TYPES = Weighted.of({ stabbing: 12, assault: 7, shooting: 2, homicide: 1, other: 3 });
const WEAPONS: Record<string, string[]> = {
  stabbing: ['knife', 'knife', 'bladed article'],
  shooting: ['firearm'],
  homicide: ['knife'],
  assault: ['blunt object', 'none', 'not known'],
  other: ['not known', 'bladed article'],
};
const AGES = Weighted.of({ 'under 18': 6, '18 to 24': 8, '25 and over': 5, 'not known': 1 });

/** Evening incidents on streets; about a third linked to the latest tension logged before them. */
export function demoIncidents(
  rng: Prng,
  places: DemoPlaces,
  tensions: { reference: string; reportedOn: string }[],
  count = 25,
): RawEntry[] {
  const months = monthsTo(places.latestMonth);
  const keys = new Set<string>();
  const incidents: RawEntry[] = [];
  while (incidents.length < count) {
    const day = dayIn(rng, months[Math.floor((incidents.length * 12) / count)] ?? places.latestMonth);
    const occurred_at = `${day} ${String(rng.between(15, 23)).padStart(2, '0')}:${String(rng.between(0, 59)).padStart(2, '0')}`;
    const type = TYPES.draw(rng);
    if (keys.has(`${occurred_at}|${type}`)) continue;
    keys.add(`${occurred_at}|${type}`);
    const victims = type === 'homicide' ? 1 : rng.chance(0.7) ? 1 : rng.chance(0.8) ? 2 : 3;
    const ages: Record<string, number> = {};
    for (let v = 0; v < victims; v++) {
      const band = AGES.draw(rng);
      ages[band] = (ages[band] ?? 0) + 1;
    }
    const earlier = tensions.filter((t) => t.reportedOn <= day).at(-1);
    const p = drawStreet(rng, places);
    incidents.push({
      occurred_at,
      location: `${p.street} (SYNTHETIC)`,
      incident_type: type,
      victims: String(victims),
      ...Object.fromEntries(Object.entries(ages).map(([band, n]) => [`victim_ages.${band}`, String(n)])),
      weapons: pick(rng, WEAPONS[type] ?? ['not known']),
      linked_tensions: earlier && rng.chance(0.35) ? earlier.reference : '',
      impact_assessment: `SYNTHETIC community impact assessment: ${pick(rng, ['low', 'medium', 'high'])} impact; risk of retaliation assessed with partners.`,
      response: 'SYNTHETIC: partnership call within 24 hours, reassurance patrols, schools and youth services told.',
      latitude: p.latitude,
      longitude: p.longitude,
    });
  }
  return incidents;
}

const PLACE_TYPES = Weighted.of({
  hotel: 4,
  'night-time venue': 3,
  park: 4,
  estate: 4,
  'transport hub': 2,
  shop: 1,
  'school surroundings': 1,
  other: 1,
});
const CONCERNS: Record<string, string> = {
  hotel: 'young people booked in by older adults (Operation Makesafe)',
  'night-time venue': 'under-18s admitted late at night with older adults',
  park: 'young people gathering late, reports of drug dealing',
  estate: 'stairwells used to store drugs and weapons, young people recruited',
  'transport hub': 'young people travelling alone late, signs of county lines',
  shop: 'young people given free food and credit by adults',
  'school surroundings': 'older adults waiting outside at the end of the day',
  other: 'young people seen with adults unknown to services',
};

/** Each at its own street point: two places of concern do not share a spot. */
export function demoLocationsOfConcern(rng: Prng, places: DemoPlaces, count = 20): RawEntry[] {
  const months = monthsTo(places.latestMonth);
  const points = new Set<string>();
  const locations: RawEntry[] = [];
  while (locations.length < count) {
    const p = drawStreet(rng, places);
    if (points.has(`${p.latitude},${p.longitude}`)) continue;
    points.add(`${p.latitude},${p.longitude}`);
    const type = PLACE_TYPES.draw(rng);
    const identified_on = dayIn(rng, months[Math.floor((locations.length * 12) / count)] ?? places.latestMonth);
    locations.push({
      identified_on,
      place: `SYNTHETIC ${type} on ${p.street}`,
      place_type: type,
      concern: `SYNTHETIC: ${CONCERNS[type] ?? 'young people at risk'}.`,
      safeguarding_plan:
        'SYNTHETIC: staff briefed, extra patrols, outreach visits, reviewed at the exploitation panel.',
      site_contact: `SYNTHETIC contact ${locations.length + 1}: duty manager (invented)`,
      review_on: plusDays(identified_on, 90),
      latitude: p.latitude,
      longitude: p.longitude,
    });
  }
  return locations;
}
