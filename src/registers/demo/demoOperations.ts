import type { Prng } from '../../synth/prng.ts';
import { Weighted } from '../../synth/prng.ts';
import { dayIn, monthsTo, pick } from './demoCalendar.ts';
import type { DemoPlaces, StreetPoint } from './demoPlaces.ts';

/*
 * The demo's SYNTHETIC operational entries, as the form's raw inputs (entryValues' names): weapon sweeps, knife bins
 * and their monthly emptyings, and test purchases. Every text says SYNTHETIC; the numbers are invented but of the
 * size a borough's teams report (most sweeps find nothing; a bin holds a few knives a month; about one test
 * purchase in five ends in a sale).
 */

export type RawEntry = Record<string, string>;

const TEAMS = ['Safer Neighbourhood Team', 'Estate officers', 'Youth outreach team', 'Parks and open spaces team'];
const SEARCHED = [
  'bushes, bin stores and stairwells',
  'planters, drains and the play area',
  'walkways, garages and communal bins',
  'the canal towpath and under the bridges',
];
const HOSTS = [
  'a parish church',
  'a community centre',
  'the council (estate office)',
  'a pharmacy',
  'a mosque',
  'a youth club',
];
const STREET =
  /(Road|Street|Lane|Way|Place|Square|Grove|Row|Walk|Close|Gardens|Terrace|Avenue|Court|Drive|Hill|Yard|Gate|Market|Highway|Parade|Crescent|Mews|Wharf|Green)$/;

/** A point on a named street (police.uk also names spots such as "Supermarket"); the last drawn if none is. */
export function drawStreet(rng: Prng, places: DemoPlaces): StreetPoint {
  let p = places.draw(rng);
  for (let i = 0; i < 50 && !STREET.test(p.street); i++) p = places.draw(rng);
  return p;
}

const at = (p: StreetPoint) => ({ latitude: p.latitude, longitude: p.longitude });
const some = (rng: Prng, p: number, lo: number, hi: number): string =>
  rng.chance(p) ? String(rng.between(lo, hi)) : '0';

export function demoSweeps(rng: Prng, places: DemoPlaces, count = 100): RawEntry[] {
  const months = monthsTo(places.latestMonth);
  const keys = new Set<string>();
  const sweeps: RawEntry[] = [];
  while (sweeps.length < count) {
    const p = drawStreet(rng, places);
    const swept_on = dayIn(rng, months[Math.floor((sweeps.length * 12) / count)] ?? places.latestMonth);
    const team = pick(rng, TEAMS);
    const location = `${p.street} (SYNTHETIC)`;
    if (keys.has(`${swept_on}|${location}|${team}`)) continue;
    keys.add(`${swept_on}|${location}|${team}`);
    sweeps.push({
      swept_on,
      location,
      team,
      area_searched: `SYNTHETIC: ${pick(rng, SEARCHED)}`,
      'items.knife': some(rng, 0.3, 1, 3),
      'items.bladed article': some(rng, 0.12, 1, 2),
      'items.firearm': some(rng, 0.02, 1, 1),
      'items.other': some(rng, 0.1, 1, 2),
      notes: 'SYNTHETIC entry made for the demo.',
      ...at(p),
    });
  }
  return sweeps;
}

/** Five bins installed before the demo's year, three in its first three months. */
export function demoBins(rng: Prng, places: DemoPlaces, count = 8): RawEntry[] {
  const year = monthsTo(places.latestMonth);
  const before = monthsTo(monthsTo(year[0] ?? places.latestMonth, 2)[0] ?? '', 18);
  const sites = new Set<string>();
  const bins: RawEntry[] = [];
  while (bins.length < count) {
    const p = drawStreet(rng, places);
    const site = `Knife bin, ${p.street} (SYNTHETIC)`;
    if (sites.has(site)) continue;
    sites.add(site);
    const i = bins.length;
    const month = i < 5 ? pick(rng, before) : (year[i - 5] ?? places.latestMonth);
    bins.push({ site, installed_on: dayIn(rng, month), host: `SYNTHETIC: ${pick(rng, HOSTS)}`, ...at(p) });
  }
  return bins;
}

/** One emptying a month, each month after the bin's installation within the demo's year. */
export function demoEmptyings(rng: Prng, places: DemoPlaces, bins: { reference: string; installedOn: string }[]) {
  const emptyings: RawEntry[] = [];
  for (const bin of bins)
    for (const month of monthsTo(places.latestMonth)) {
      if (month <= bin.installedOn.slice(0, 7)) continue;
      emptyings.push({
        bin: bin.reference,
        emptied_on: dayIn(rng, month),
        'items.knife': String(rng.between(0, 5)),
        'items.bladed article': String(rng.between(0, 2)),
        'items.firearm': some(rng, 0.01, 1, 1),
        'items.other': String(rng.between(0, 2)),
      });
    }
  return emptyings;
}

const ITEMS = Weighted.of({ knife: 12, 'bladed article': 4, 'razor blades': 3, other: 1 });

/** Eight operation days of five shops each, spread through the year. */
export function demoTestPurchases(rng: Prng, places: DemoPlaces, days = 8, perDay = 5): RawEntry[] {
  const months = monthsTo(places.latestMonth);
  const purchases: RawEntry[] = [];
  for (let d = 0; d < days; d++) {
    const purchased_on = dayIn(rng, months[Math.floor((d * 12) / days) + 1] ?? places.latestMonth);
    for (let s = 0; s < perDay; s++) {
      const p = drawStreet(rng, places);
      const fail = rng.chance(0.2);
      purchases.push({
        purchased_on,
        retailer: `SYNTHETIC Retailer ${String(d * perDay + s + 1).padStart(2, '0')}`,
        premises: `${rng.between(1, 240)} ${p.street} (SYNTHETIC address)`,
        item: ITEMS.draw(rng),
        outcome: fail ? 'fail' : 'pass',
        follow_up: fail ? pick(rng, ['warning', 'warning', 'prosecution', 'advice']) : pick(rng, ['none', 'advice']),
        notes: `SYNTHETIC: test purchase by a young volunteer under supervision${fail ? '; the item was sold' : ''}.`,
        ...at(p),
      });
    }
  }
  return purchases;
}
