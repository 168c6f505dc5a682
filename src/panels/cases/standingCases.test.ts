import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { MY_CASES_PAGE_SIZE, myCases } from './myCases.ts';
import { seedCase } from './testing/caseTestData.ts';

/*
 * "My cases" finds its page from three parts (standingCases.ts): the panels I sit on, cases allocated to me, cases
 * from my referrals. The SYNTHETIC cases below put one case in each part, cases in two parts at once, and cases in
 * none; the expected list, order and number are worked out by hand from the review dates.
 */

let f: PanelFixture;
const NOW = new Date('2026-11-20T10:00:00Z');
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await createPanelFixture();
  const { nurse, macePolice: me } = f.people;
  const seed = async (name: string, s: Omit<Parameters<typeof seedCase>[2], 'referrer'> & { byMe?: boolean }) => {
    ids[name] = (await seedCase(f.db, f.ring, { ...s, referrer: s.byMe ? me : nurse })).caseId;
  };
  await seed('A', { panelId: 'mace', reviewOn: '2026-12-10', firstHeardOn: '2026-11-01' });
  await seed('B', { panelId: 'mace' }); // never heard: no review date, listed first
  await seed('C', { panelId: 'mace', closed: true });
  await seed('D', { panelId: 'mace', allocatedTo: me.id, reviewOn: '2026-12-01', firstHeardOn: '2026-11-01' });
  await seed('E', { panelId: 'marac', allocatedTo: me.id, reviewOn: '2026-12-05', firstHeardOn: '2026-11-01' });
  await seed('F', { panelId: 'iom', byMe: true });
  await seed('G', {
    panelId: 'marac',
    byMe: true,
    allocatedTo: me.id,
    reviewOn: '2026-12-20',
    firstHeardOn: '2026-11-01',
  });
  await seed('H', { panelId: 'mace', byMe: true, reviewOn: '2026-12-15', firstHeardOn: '2026-11-01' });
  await seed('I', { panelId: 'marac' }); // not mine in any way
  await seed('J', { panelId: 'iom', byMe: true, closed: true });
}, 300_000);
afterAll(async () => f?.t.drop());

describe('my cases by standing', () => {
  it('lists each open case I stand on once, soonest review first, never-heard first of all', async () => {
    const mine = await myCases(f.db, f.people.macePolice, NOW, 1);
    const order = ['B', 'F', 'D', 'E', 'A', 'H', 'G'];
    expect(mine.cases.map((c) => c.id)).toEqual(order.map((n) => ids[n]));
    expect(mine.total).toBe(7);
    expect(mine.cases.map((c) => c.panelId)).toEqual(['mace', 'iom', 'mace', 'marac', 'mace', 'mace', 'marac']);
  });

  it('pages past 50 with every case once and the number unchanged', async () => {
    for (let i = 0; i < 52; i++)
      await seedCase(f.db, f.ring, {
        panelId: 'mace',
        referrer: f.people.nurse,
        reviewOn: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
        firstHeardOn: '2026-11-01',
      });
    const first = await myCases(f.db, f.people.macePolice, NOW, 1);
    const second = await myCases(f.db, f.people.macePolice, NOW, 2);
    expect(first.total).toBe(59);
    expect(second.total).toBe(59);
    expect(first.cases).toHaveLength(MY_CASES_PAGE_SIZE);
    expect(second.cases).toHaveLength(9);
    const all = [...first.cases, ...second.cases];
    expect(new Set(all.map((c) => c.id)).size).toBe(59);
    // Review dates never go backwards across the two pages (no dates after the never-heard B and F).
    const dates = all.slice(2).map((c) => c.reviewOn ?? '');
    expect(dates).toEqual([...dates].sort());
    expect(all.slice(0, 2).map((c) => c.id)).toEqual([ids.B, ids.F]);
  });

  it('a person standing on nothing has no cases and the number 0', async () => {
    expect(await myCases(f.db, f.people.councilOutsider, NOW, 1)).toEqual({ cases: [], total: 0, actions: [] });
  });
});
