import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { planView } from '../planQueries.ts';
import { CLI_ACTOR, rowCounts, SEED_001, seedText } from '../testing/deliveryCounts.ts';
import { importPlan } from './importPlan.ts';

/*
 * The next round of seed 001 as a borough would send it: one update rewritten, an empty update filled in, one
 * action slightly reworded, one action new. The existing items are found by theme and number and gain a wording
 * version or an update (the new action brings its own, so three update rows for two matched updates); only
 * the new action is added.
 */
const first = seedText(SEED_001);
const next = first
  .replace(
    "The Council's Trading Standards Service carry out a range of test purchases each quarter.",
    '<p>In 2024 Trading Standards ran 40 test purchases.</p>',
  )
  .replace(
    /^6\t(<p>Analysis of the needs and risks of women[^\t]*)\t$/m,
    '6\t$1\t<p>Needs analysis commissioned in 2024.</p>',
  )
  .replace('CSP Meeting agendas to include violence performance', 'CSP meeting agendas to include violence performance')
  .replace(
    /^(3\. REDUCING ACCESS TO WEAPONS\t1\t[^\n]*)$/m,
    '$1\n\t2\tNew: Weapon sweeps in parks with the community.\tTwo sweeps held in Victoria Park.',
  );

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => t?.drop());

describe('a later round of a VRU return', () => {
  it('updates the matched actions, adds the new one, and duplicates nothing', async () => {
    expect(next).not.toBe(first);
    const db = t.database.db;
    const round1 = await importPlan(db, CLI_ACTOR, {
      fileName: 'round-1.txt',
      bytes: new TextEncoder().encode(first),
      kind: 'vru-return',
      onDate: '2023-12-01',
    });
    const before = await rowCounts(db);
    const round2 = await importPlan(db, CLI_ACTOR, {
      fileName: 'round-2.txt',
      bytes: new TextEncoder().encode(next),
      kind: 'vru-return',
      onDate: '2024-12-01',
    });
    expect(round2).toMatchObject({
      outcome: 'updated',
      planId: round1.planId,
      round: 2,
      newThemes: 0,
      newItems: 1,
      rewordings: 1,
      newUpdates: 2,
      doubtful: [],
    });
    expect(await rowCounts(db)).toEqual({
      ...before,
      plan_import: before.plan_import + 1,
      plan_item: before.plan_item + 1,
      plan_item_wording: before.plan_item_wording + 2,
      plan_item_update: before.plan_item_update + 3,
      audit_log: before.audit_log + 1,
    });
    const plan = await planView(db, round1.planId);
    const weapons = plan?.themes.find((x) => x.number === '3')?.items.filter((i) => i.kind === 'core');
    expect(weapons?.map((i) => [i.number, i.update])).toEqual([
      ['1', expect.stringMatching(/^In 2024 Trading Standards ran 40 test purchases\.\n\nThis is across the range/)],
      ['2', 'Two sweeps held in Victoria Park.'],
    ]);
    const updates = await db
      .selectFrom('plan_item_update')
      .select(['on_date', 'body'])
      .where('body', 'like', '%Trading Standards%')
      .orderBy('id')
      .execute();
    expect(updates.map((u) => String(u.on_date).slice(0, 10))).toEqual(['2023-12-01', '2024-12-01']);
    const plans = await db.selectFrom('plan').select(['id', 'round']).execute();
    expect(plans).toEqual([{ id: round1.planId, round: 2 }]);
  });
});
