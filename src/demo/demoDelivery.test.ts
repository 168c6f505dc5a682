import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { rowCounts } from '../delivery/testing/deliveryCounts.ts';
import { loadIndicatorSet } from '../performance/store/indicatorSet.ts';
import { seedDemoDelivery } from './demoDelivery.ts';
import { ensureDemoUsers } from './demoUsers.ts';

/*
 * The demo's delivery seed on an empty database with the demo users and the indicator files: three plans from
 * demo-plans/, boards and meetings, and the lineage thread; a second run (the next `npm start`) changes nothing.
 * Expected counts are read off the files by hand: partnership-plan-2025-26.csv has 3 themes and 12 actions (1.1–1.4,
 * 2.1–2.4, 3.1–3.4); the thread is recommendations 10 and 14 c) → actions 1.1, 1.3 (from 10) and 2.4 (from 14 c)),
 * each action → one indicator (3), the first indicator → the escalating meeting, that meeting → its decision, the
 * decision → action 3.1: 3 + 3 + 1 + 1 + 1 = 9 links.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await ensureDemoUsers(t.database.db);
  await loadIndicatorSet(t.database.db);
}, 120_000);
afterAll(async () => t?.drop());

describe('the demo delivery seed', () => {
  it('imports the three plans, seeds meetings and links the thread', async () => {
    const lines = await seedDemoDelivery(t.database.db);
    expect(lines[0]).toBe('Delivery: 3 plans');
    const plans = await t.database.db.selectFrom('plan').select(['kind', 'title']).orderBy('id').execute();
    expect(plans.map((p) => p.kind)).toEqual(['vru-return', 'recommendations', 'strategy']);
    const partnership = await t.database.db
      .selectFrom('plan_item as i')
      .innerJoin('plan as p', 'p.id', 'i.plan_id')
      .select(['i.number', 'i.owner_agency'])
      .where('p.kind', '=', 'strategy')
      .orderBy('i.id')
      .execute();
    expect(partnership.map((i) => i.number)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
    ]);
    const vruOwned = await t.database.db
      .selectFrom('plan_item as i')
      .innerJoin('plan as p', 'p.id', 'i.plan_id')
      .select('i.number')
      .where('p.kind', '=', 'vru-return')
      .where('i.owner_person', 'is not', null)
      .execute();
    expect(vruOwned.map((i) => i.number).sort()).toEqual(['1', '2', '3', '4', '5']);
    const links = await t.database.db
      .selectFrom('lineage_link')
      .select(['from_kind', 'to_kind'])
      .orderBy('id')
      .execute();
    expect(links.map((l) => `${l.from_kind}>${l.to_kind}`)).toEqual([
      'plan-item>plan-item',
      'plan-item>plan-item',
      'plan-item>plan-item',
      'plan-item>indicator',
      'plan-item>indicator',
      'plan-item>indicator',
      'indicator>meeting',
      'meeting>decision',
      'decision>plan-item',
    ]);
    const fromDecision = await t.database.db
      .selectFrom('lineage_link')
      .select('to_ref')
      .where('from_kind', '=', 'decision')
      .executeTakeFirstOrThrow();
    const escalated = await t.database.db
      .selectFrom('plan_item')
      .select('number')
      .where('id', '=', Number(fromDecision.to_ref))
      .executeTakeFirstOrThrow();
    expect(escalated.number).toBe('3.1');
    expect((await t.database.db.selectFrom('board').select('name').execute()).length).toBe(3);
  }, 300_000);

  it('changes nothing when run again', async () => {
    const before = await rowCounts(t.database.db);
    await seedDemoDelivery(t.database.db);
    expect(await rowCounts(t.database.db)).toEqual(before);
  }, 300_000);
});
