import type { Prng } from '../../synth/prng.ts';

/* The demo's year: the twelve months to the last month of its crime data, and days drawn within them. */

/** The `count` months up to and including `latest` (YYYY-MM), oldest first. */
export function monthsTo(latest: string, count = 12): string[] {
  const [y, m] = latest.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - count + i, 1)).toISOString().slice(0, 7));
}

/** A day of the month (YYYY-MM-DD), drawn evenly. */
export function dayIn(rng: Prng, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(rng.between(1, days)).padStart(2, '0')}`;
}

/** YYYY-MM-DD plus `days` days. */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const pick = <T>(rng: Prng, list: readonly T[]): T => list[rng.between(0, list.length - 1)] as T;
