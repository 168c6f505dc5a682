import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { myPlanActions } from './myActions.ts';
import { overdueItems } from './overdue.ts';
import { addItemUpdate, assignItem, setItemStatus } from './planStore.ts';
import { addPlanPeople, addTestPlan, type PlanPeople, type TestPlan } from './planTestPlan.ts';

/*
 * "My actions" and the overdue list on fixed days, with due dates and updates written by hand:
 * - police action 1: owner policeowner@test.invalid, due 2024-03-31, no update;
 * - its sub-action 1 a): police, no due date, updated 2024-04-15;
 * - council action 2: owner "head of community safety" (the council analyst's display name, other case),
 *   due 2024-06-30, updated 2024-01-15;
 * - action 3: no agency, due 2024-06-01.
 */
let t: TestDb;
let who: PlanPeople;
let plan: TestPlan;
const db = () => t.database.db;
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

beforeAll(async () => {
  t = await createTestDb();
  who = await addPlanPeople(db(), { councilAnalyst: 'Head of Community Safety' });
  plan = await addTestPlan(db());
  await addItemUpdate(db(), who.policeOwner, plan.policeChild, { body: 'Two sweeps.', onDate: '2024-04-15' });
  await assignItem(db(), who.manager, plan.council, {
    person: 'head of community safety',
    agency: 'local_authority',
    dueOn: '2024-06-30',
  });
  await addItemUpdate(db(), who.councilAnalyst, plan.council, { body: 'Draft circulated.', onDate: '2024-01-15' });
  await assignItem(db(), who.manager, plan.unowned, { person: null, agency: null, dueOn: '2024-06-01' });
}, 60_000);
afterAll(async () => t?.drop());

describe('my actions', () => {
  it("lists what a person owns and their agency's updates due, with why", async () => {
    const police = await myPlanActions(db(), who.policeOwner, '2024-05-01');
    expect(police.owned.map((r) => [r.id, r.why])).toEqual([[plan.police, ['overdue by 31 days', 'no update yet']]]);
    expect(ids(police.updatesDue)).toEqual([plan.police]);
    const analyst = await myPlanActions(db(), who.policeAnalyst, '2024-05-01');
    expect(analyst).toMatchObject({ owned: [], updatesDue: [{ id: plan.police }] });
    const council = await myPlanActions(db(), who.councilAnalyst, '2024-05-01');
    expect(council.owned.map((r) => [r.id, r.why])).toEqual([[plan.council, ['no update since 2024-01-15']]]);
    expect(ids(council.updatesDue)).toEqual([plan.council]);
    // 90 days after 2024-01-15 is 2024-04-14: on that day the update is not yet due.
    expect((await myPlanActions(db(), who.councilAnalyst, '2024-04-14')).updatesDue).toEqual([]);
    expect(await myPlanActions(db(), who.viewer, '2024-05-01')).toEqual({ owned: [], updatesDue: [] });
    expect(await myPlanActions(db(), who.manager, '2024-05-01')).toEqual({ owned: [], updatesDue: [] });
  });

  it('lists overdue items by agency, most overdue first, leaving out complete and dropped ones', async () => {
    const groups = await overdueItems(db(), '2024-07-01');
    expect(groups.map((g) => [g.agency, g.items.map((i) => [i.id, i.daysOverdue])])).toEqual([
      ['local_authority', [[plan.council, 1]]],
      ['police', [[plan.police, 92]]],
      [null, [[plan.unowned, 30]]],
    ]);
    expect(await overdueItems(db(), '2024-03-31')).toEqual([]);
    await setItemStatus(db(), who.policeOwner, plan.police, { status: 'complete', reason: 'Sweeps now routine' });
    await setItemStatus(db(), who.manager, plan.unowned, {
      status: 'dropped',
      reason: 'Covered by the data sharing agreement',
    });
    expect((await overdueItems(db(), '2024-07-01')).map((g) => g.agency)).toEqual(['local_authority']);
    expect(await myPlanActions(db(), who.policeOwner, '2024-07-01')).toEqual({ owned: [], updatesDue: [] });
  });
});
