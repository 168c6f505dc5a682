/**
 * The benchmark's file: 100,000 SYNTHETIC weapon sweeps in the register's import layout (the column names
 * entryValues reads), at the demo's street points over Tower Hamlets (src/registers/demo/demoPlaces.ts: real
 * police.uk points, more in the wards with more weapons offences), dated over the three years to yesterday.
 * Every location is distinct, so no row repeats another. No field holds a comma or a quote, so the plain COPY
 * it is compared with can split lines on commas.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { loadDemoPlaces } from '../../src/registers/demo/demoPlaces.ts';
import type { BoroughPlaces } from '../../src/registers/places.ts';
import { Prng } from '../../src/synth/prng.ts';

export const SWEEP_COLUMNS = [
  'swept_on',
  'location',
  'team',
  'area_searched',
  'items.knife',
  'items.bladed article',
  'items.firearm',
  'items.other',
  'notes',
  'latitude',
  'longitude',
] as const;

const TEAMS = ['Safer Neighbourhood Team', 'Estate officers', 'Youth outreach team', 'Parks team'];

export async function writeSweepFile(path: string, places: BoroughPlaces, rows: number, now: Date): Promise<void> {
  const demo = await loadDemoPlaces(places);
  const rng = new Prng(100_000);
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(SWEEP_COLUMNS.join(','));
  const yesterday = now.getTime() - 86_400_000;
  for (let i = 0; i < rows; i++) {
    const p = demo.draw(rng);
    const street = p.street.replace(/[",]/g, ' ');
    const day = new Date(yesterday - rng.between(0, 3 * 365) * 86_400_000).toISOString().slice(0, 10);
    const found = (chance: number) => (rng.chance(chance) ? String(rng.between(1, 3)) : '0');
    await write(
      [
        day,
        `${street} SYNTHETIC bench sweep ${i + 1}`,
        TEAMS[i % TEAMS.length],
        'SYNTHETIC: bushes and bin stores',
        found(0.3),
        found(0.1),
        found(0.01),
        found(0.1),
        'SYNTHETIC bench entry',
        p.latitude,
        p.longitude,
      ].join(','),
    );
  }
  out.end();
  await once(out, 'finish');
}
