import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from './entryStore.ts';
import { setNamedReader } from './readers.ts';
import { registerSummary } from './registerSummary.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from './testing/registerTestDb.ts';

// SYNTHETIC entries; the summary a board's agenda shows for 1 January to 31 March 2026.
const NOW = new Date('2026-04-02T09:00:00Z');
let f: RegisterFixture;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  const sweep = (on: string, location: string, knife: string, firearm: string) =>
    saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      {
        swept_on: on,
        location,
        team: 'SYNTHETIC SNT',
        'items.knife': knife,
        'items.firearm': firearm,
        ...POINTS.whitechapel,
      },
      { submit: true },
    );
  await sweep('2026-01-05', 'SYNTHETIC A', '2', '0');
  await sweep('2026-02-10', 'SYNTHETIC B', '1', '0');
  await sweep('2026-03-31', 'SYNTHETIC C', '0', '1');
  await sweep('2025-12-31', 'SYNTHETIC D (before the period)', '5', '0');
  await setNamedReader(
    f.db,
    f.people.manager,
    f.registers.get('community-tensions')!,
    f.people.policeAnalyst.id,
    true,
    NOW,
  );
  for (const [on, issue] of [
    ['2026-01-20', 'SYNTHETIC one'],
    ['2026-03-02', 'SYNTHETIC two'],
  ])
    await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'community-tensions',
      {
        reported_on: on,
        issue,
        description: 'SYNTHETIC',
        communities: 'SYNTHETIC',
        level: 'low',
        trend: 'stable',
        review_on: '2026-05-01',
        ward: 'E05009336',
      },
      { submit: true },
    );
}, 120_000);
afterAll(() => f?.t.drop());

describe('the register summary for an agenda', () => {
  it('gives exact counts of OFFICIAL registers and withholds small counts of OFFICIAL-SENSITIVE ones', async () => {
    const said = 'from 1 January 2026 to 31 March 2026';
    const lines = await registerSummary(f.db, f.registers, { from: '2026-01-01', to: '2026-03-31', said });
    // By hand: three sweeps in the period (the fourth is on 31 December); knives 2 + 1 + 0, firearms 0 + 0 + 1.
    // Two tensions: 2 lies in the case-derived rule's 1–7, so it is withheld.
    expect(lines).toEqual([
      {
        text: 'Community tensions logged: * (case-derived and service data: counts 1–7 suppressed as *)',
        detail: said,
      },
      {
        text: 'Weapon sweeps: 3',
        detail: `Weapons found in sweeps: 4; Knives found in sweeps: 3; Firearms found in sweeps: 1; ${said}`,
      },
    ]);
  });

  it('says when nothing was recorded', async () => {
    expect(
      await registerSummary(f.db, f.registers, { from: '2025-01-01', to: '2025-01-31', said: 'in January 2025' }),
    ).toEqual([{ text: 'No register entries in January 2025', detail: '' }]);
  });
});
