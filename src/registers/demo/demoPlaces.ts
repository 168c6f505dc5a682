import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../../demo/prepareDemo.ts';
import { type Prng, Weighted } from '../../synth/prng.ts';
import type { BoroughPlaces } from '../places.ts';

/*
 * Where the demo's SYNTHETIC register entries stand: real street-anchored points from the demo's police.uk file for
 * Tower Hamlets (police.uk snaps every crime to one of a fixed set of points on or near a street), drawn so that
 * each ward's share follows its possession-of-weapons offences over the demo's last twelve months in the MPS ward
 * counts (the ward table's nearest category to knife crime). The same points and weights every time.
 */

export const STREET_POINTS_FILE = 'police-uk/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz';
export const WARD_COUNTS_FILE = 'mps/recorded-crime-ward.csv';
const BOROUGH_NAME = 'Tower Hamlets';
const KNIFE_PROXY = 'POSSESSION OF WEAPONS';

export interface StreetPoint {
  latitude: string;
  longitude: string;
  /** "Mile End Road", or what police.uk calls a place without a street ("Supermarket"). */
  street: string;
  wardCode: string;
}

export interface DemoPlaces {
  /** The last month of the MPS ward counts, YYYY-MM: the demo's year ends with it. */
  latestMonth: string;
  /** Ward code → name, for every ward of the borough in the counts. */
  wardNames: ReadonlyMap<string, string>;
  /** Ward code → possession-of-weapons offences in the twelve months to latestMonth. */
  wardWeapons: ReadonlyMap<string, number>;
  /** A street point, more often in the wards with more weapons offences. */
  draw(rng: Prng): StreetPoint;
  /** A ward code, drawn by the same weights. */
  drawWard(rng: Prng): string;
}

type CsvRow = Record<string, string>;
const readCsv = (text: string): CsvRow[] => parse(text, { columns: true, skip_empty_lines: true });

export async function loadDemoPlaces(places: BoroughPlaces, dataDir: string = DEMO_DATA_DIR): Promise<DemoPlaces> {
  const wardRows = readCsv(await readFile(join(dataDir, WARD_COUNTS_FILE), 'utf8')).filter(
    (r) => r.lookup_boroughname === BOROUGH_NAME,
  );
  const months = Object.keys(wardRows[0] ?? {})
    .filter((k) => /^\d{6}$/.test(k))
    .sort();
  const lastTwelve = months.slice(-12);
  const latest = months.at(-1) ?? '';
  const wardNames = new Map<string, string>();
  const wardWeapons = new Map<string, number>();
  for (const r of wardRows) {
    const code = r.wardcode ?? '';
    wardNames.set(code, r.wardname ?? code);
    if (r.majortext !== KNIFE_PROXY) continue;
    const sum = lastTwelve.reduce((a, m) => a + Number(r[m] ?? 0), 0);
    wardWeapons.set(code, (wardWeapons.get(code) ?? 0) + sum);
  }

  const crimes = readCsv(gunzipSync(await readFile(join(dataDir, STREET_POINTS_FILE))).toString('utf8'));
  const seen = new Set<string>();
  const byWard = new Map<string, StreetPoint[]>();
  for (const c of crimes) {
    const key = `${c.Latitude},${c.Longitude}`;
    if (seen.has(key) || !c.Latitude || !c.Longitude) continue;
    seen.add(key);
    const lon = Number(c.Longitude);
    const lat = Number(c.Latitude);
    // Only points inside the borough's own LSOAs: a point on the boundary may fall just outside them.
    const wardCode = places.lsoas.locate(lon, lat) === null ? null : places.wards.locate(lon, lat);
    if (wardCode === null) continue;
    const street = (c.Location ?? '').replace(/^On or near /, '').trim() || 'an unnamed street';
    const list = byWard.get(wardCode) ?? [];
    list.push({ latitude: c.Latitude, longitude: c.Longitude, street, wardCode });
    byWard.set(wardCode, list);
  }
  // Each point weighs its ward's count shared among the ward's points, so a ward's share is its count's share
  // (a ward missing from the counts, as in another edition of the outlines, counts as one offence).
  const weight = (ward: string) => Math.max(1, wardWeapons.get(ward) ?? 0);
  const points = new Weighted<StreetPoint>(
    [...byWard].flatMap(([ward, list]) => list.map((p) => [p, weight(ward) / list.length] as const)),
  );
  const wards = new Weighted<string>([...byWard.keys()].map((w) => [w, weight(w)] as const));
  return {
    latestMonth: `${latest.slice(0, 4)}-${latest.slice(4, 6)}`,
    wardNames,
    wardWeapons,
    draw: (rng) => points.draw(rng),
    drawWard: (rng) => wards.draw(rng),
  };
}
