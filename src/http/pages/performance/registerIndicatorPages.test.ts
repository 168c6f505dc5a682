import { describe, expect, it } from 'vitest';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';
import { actorOf } from '../../../auth/users.ts';
import { saveEntry } from '../../../registers/entryStore.ts';

/*
 * "Weapons found in sweeps" (indicators/serious-violence.json), computed from the weapon sweep register, on the
 * scorecard and the indicator page: the values are the hand sums of the SYNTHETIC sweeps saved here, and a sweep
 * saved later reaches the cached scorecard at once (entries change without a data import).
 */
const t = useSignedInDashboard({ analyst: READERS.analyst, owner: READERS.owner });
const QUARTER = '2026/27 Q2'; // July to September 2026

async function sweep(on: string, location: string, knife: string, bladed: string) {
  const { services } = t.f.h;
  const owner = await services.db
    .selectFrom('app_user')
    .selectAll()
    .where('email', '=', READERS.owner[0])
    .executeTakeFirstOrThrow();
  await saveEntry(
    services.db,
    await services.registerContext(),
    actorOf(owner),
    'weapon-sweeps',
    {
      swept_on: on,
      location,
      team: 'SYNTHETIC SNT',
      'items.knife': knife,
      'items.bladed article': bladed,
      latitude: '51.5195',
      longitude: '-0.0597',
    },
    { submit: true },
  );
}

/** The scorecard row of the indicator, as text. */
const rowOf = (html: string) => {
  const start = html.indexOf('Weapons found in sweeps');
  expect(start).toBeGreaterThan(-1);
  return html
    .slice(start, html.indexOf('</tr>', start))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
};

describe('an indicator computed from a register, on the pages', () => {
  it('shows the hand sum for the quarter on the scorecard, and a later sweep at once', async () => {
    await sweep('2026-08-10', 'SYNTHETIC Altab Ali Park', '1', '1');
    await sweep('2026-09-01', 'SYNTHETIC Whitechapel Road', '3', '0');
    await sweep('2026-06-30', 'SYNTHETIC (the quarter before)', '4', '0');
    const url = `/performance?quarter=${encodeURIComponent(QUARTER)}`;
    const first = await t.as.analyst.get(url);
    expect(first.statusCode).toBe(200);
    // 1 + 1 + 3 = 5 in July–September; the June sweep's 4 belong to Q1.
    expect(rowOf(first.body)).toContain('2025/26 Q3 0 2025/26 Q4 0 2026/27 Q1 4 2026/27 Q2 5 ');
    await sweep('2026-09-15', 'SYNTHETIC Brick Lane', '2', '0');
    expect(rowOf((await t.as.analyst.get(url)).body)).toContain('2026/27 Q1 4 2026/27 Q2 7 ');
  });

  it('gives its source and the quarters on the indicator page', async () => {
    const page = await t.as.analyst.get('/performance/indicators/weapons-found-in-sweeps');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('computed: register weapon-sweeps, measure items-found');
    expect(page.body).toContain('2026/27 Q1 4; 2026/27 Q2 7.');
    expect(page.body).not.toContain('register counts are not available here');
  });
});
