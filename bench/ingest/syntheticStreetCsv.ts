import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';

/**
 * Writes a SYNTHETIC data.police.uk street-level CSV of about `bytes` bytes:
 * the 12 standard columns, every Met LSOA (2021 codes, names and map points
 * near each LSOA's centre, from the London LSOA boundaries), all 14 current
 * crime types in roughly the Met's mix, ~85,000 rows a month from 2015-01 on,
 * blank Crime IDs for anti-social behaviour as published. Seeded, so the
 * same size always gives the same file. No real crime is in it.
 */
export async function writeSyntheticStreetCsv(
  path: string,
  bytes: number,
  boundariesPath: string,
): Promise<{ rows: number; months: number }> {
  const lsoas = await metLsoas(boundariesPath);
  const random = mulberry32(20240601);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const out = createWriteStream(path);
  out.write(
    'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n',
  );
  let written = 0;
  let rows = 0;
  let monthIndex = 0;
  const force = 'Metropolitan Police Service';
  while (written < bytes) {
    const y = 2015 + Math.floor(monthIndex / 12);
    const month = `${y}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
    const perMonth = 80_000 + Math.floor(random() * 10_000);
    for (let start = 0; start < perMonth && written < bytes; start += 5_000) {
      let chunk = '';
      for (let i = start; i < Math.min(perMonth, start + 5_000); i += 1) {
        const type = weightedType(random());
        const lsoa = pick(lsoas);
        const point = pick(lsoa.points);
        const asb = type === 'Anti-social behaviour';
        const id = asb ? '' : hex64(random);
        const outcome = asb ? '' : pick(OUTCOMES);
        const location =
          random() < 0.002 ? `"On or near ${pick(STREETS)}, ${pick(STREETS)}"` : `On or near ${point.street}`;
        chunk += `${id},${month},${force},${force},${point.lon},${point.lat},${location},${lsoa.code},${lsoa.name},${type},${outcome},\n`;
        rows += 1;
      }
      written += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    monthIndex += 1;
  }
  out.end();
  await once(out, 'finish');
  return { rows, months: monthIndex };
}

interface SyntheticLsoa {
  code: string;
  name: string;
  points: { lon: string; lat: string; street: string }[];
}

/** Met LSOAs (all London but the City) with eight invented map points around each one's mean vertex. */
async function metLsoas(boundariesPath: string): Promise<SyntheticLsoa[]> {
  const geo = JSON.parse(await readFile(boundariesPath, 'utf8')) as {
    features: {
      properties: { lsoa21cd: string; lsoa21nm: string; lad22cd: string };
      geometry: { coordinates: unknown };
    }[];
  };
  const random = mulberry32(7);
  return geo.features
    .filter((f) => f.properties.lad22cd !== 'E09000001')
    .map((f) => {
      const flat = (f.geometry.coordinates as unknown[]).flat(3) as number[];
      let lon = 0;
      let lat = 0;
      for (let i = 0; i < flat.length; i += 2) {
        lon += flat[i]!;
        lat += flat[i + 1]!;
      }
      const n = flat.length / 2;
      const points = Array.from({ length: 8 }, () => ({
        lon: (lon / n + (random() - 0.5) * 0.004).toFixed(6),
        lat: (lat / n + (random() - 0.5) * 0.003).toFixed(6),
        street: STREETS[Math.floor(random() * STREETS.length)]!,
      }));
      return { code: f.properties.lsoa21cd, name: f.properties.lsoa21nm, points };
    });
}

/** The 14 current police.uk crime types with roughly the Met's shares (per cent). */
const TYPE_MIX: readonly [string, number][] = [
  ['Violence and sexual offences', 24],
  ['Anti-social behaviour', 18],
  ['Other theft', 11],
  ['Vehicle crime', 9],
  ['Theft from the person', 6],
  ['Burglary', 6],
  ['Criminal damage and arson', 5],
  ['Public order', 5],
  ['Shoplifting', 4],
  ['Drugs', 4],
  ['Robbery', 3],
  ['Bicycle theft', 2],
  ['Other crime', 2],
  ['Possession of weapons', 1],
];
const TYPE_TOTAL = TYPE_MIX.reduce((s, [, w]) => s + w, 0);

function weightedType(r: number): string {
  let x = r * TYPE_TOTAL;
  for (const [type, w] of TYPE_MIX) {
    x -= w;
    if (x < 0) return type;
  }
  return TYPE_MIX[0]![0];
}

const OUTCOMES = [
  'Investigation complete; no suspect identified',
  'Unable to prosecute suspect',
  'Under investigation',
  'Status update unavailable',
  'Awaiting court outcome',
  'Local resolution',
  'Offender given a caution',
  'Further investigation is not in the public interest',
  'Court result unavailable',
  'Action to be taken by another organisation',
  'Formal action is not in the public interest',
];

const STREETS = [
  'High Street',
  'Station Road',
  'Church Road',
  'Park Road',
  'Victoria Road',
  'Green Lane',
  'Manor Road',
  'Kings Road',
  'Queens Road',
  'Mill Lane',
  'Parking Area',
  'Supermarket',
  'Petrol Station',
  'Shopping Area',
  'Sports/recreation Area',
  'Nightclub',
  'Hospital',
  'Further/higher Educational Building',
  'Conference/exhibition Centre',
  'Theatre/concert Hall',
  'Roman Road',
  'Commercial Road',
  'Mile End Road',
  'Whitechapel Road',
  'Bow Road',
  'Cable Street',
  'Brick Lane',
  'Marsh Wall',
];

function hex64(random: () => number): string {
  let s = '';
  for (let i = 0; i < 8; i += 1)
    s += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s;
}

/** A small, fast, seeded PRNG: reproducible files without a dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
