import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importPlan } from './import/importPlan.ts';
import { addItemUpdate, assignItem, PlanChangeError, setItemStatus } from './planStore.ts';
import { CLI_ACTOR, rowCounts } from './testing/deliveryCounts.ts';

/* Status, updates and owners on a plan item: reasons required, history append-only, every change audited. */

const MANAGER = { userId: null, email: 'manager@council.example', agency: 'local_authority' };
let t: TestDb;
let itemId: number;
beforeAll(async () => {
  t = await createTestDb();
  const list = 'Recommendations\n\nGovernance\n1. Introduce a Serious Violence Board.\n2. Share data.\n';
  await importPlan(t.database.db, CLI_ACTOR, {
    fileName: 'list.txt',
    bytes: new TextEncoder().encode(list),
    kind: 'recommendations',
  });
  itemId = (
    await t.database.db.selectFrom('plan_item').select('id').where('number', '=', '1').executeTakeFirstOrThrow()
  ).id;
}, 60_000);
afterAll(async () => t?.drop());

describe('changing a plan item', () => {
  it('refuses a status change without a reason, or an unknown status, writing nothing', async () => {
    const before = await rowCounts(t.database.db);
    await expect(setItemStatus(t.database.db, MANAGER, itemId, { status: 'at risk', reason: '  ' })).rejects.toThrow(
      new PlanChangeError('a status change needs a reason'),
    );
    await expect(setItemStatus(t.database.db, MANAGER, itemId, { status: 'late', reason: 'x' })).rejects.toThrow(
      /"late" is not a status: use one of not started, on track, at risk, off track, complete, dropped/,
    );
    await expect(setItemStatus(t.database.db, MANAGER, 99_999, { status: 'complete', reason: 'done' })).rejects.toThrow(
      'there is no plan item 99999',
    );
    expect(await rowCounts(t.database.db)).toEqual(before);
    // The database refuses it too, for any writer that skips setItemStatus.
    await expect(
      t.database.db
        .insertInto('plan_item_status')
        .values({ item_id: itemId, status: 'at risk', reason: '', changed_by: 'x' })
        .execute(),
    ).rejects.toThrow();
  });

  it('records a status with its reason, an update and an owner, each with its audit entry', async () => {
    const before = await rowCounts(t.database.db);
    await setItemStatus(t.database.db, MANAGER, itemId, { status: 'at risk', reason: 'Chair not yet appointed' });
    await addItemUpdate(t.database.db, MANAGER, itemId, { body: 'Terms of reference drafted.', onDate: '2024-03-01' });
    await assignItem(t.database.db, MANAGER, itemId, {
      person: 'Head of Community Safety',
      agency: 'local_authority',
      dueOn: '2024-06-30',
    });
    expect(await rowCounts(t.database.db)).toEqual({
      ...before,
      plan_item_status: before.plan_item_status + 1,
      plan_item_update: before.plan_item_update + 1,
      audit_log: before.audit_log + 3,
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_email'])
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['plan.item.assign', 'plan.item.update', 'plan.item.status']);
    const item = await t.database.db
      .selectFrom('plan_item')
      .select(['owner_person', 'due_on'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.owner_person).toBe('Head of Community Safety');
    expect(String(item.due_on).slice(0, 10)).toBe('2024-06-30');
  });

  it('keeps statuses, updates, wordings and imports append-only', async () => {
    for (const table of ['plan_item_status', 'plan_item_update', 'plan_item_wording', 'plan_import']) {
      await expect(sql`UPDATE ${sql.table(table)} SET id = id`.execute(t.database.db)).rejects.toThrow(
        /keeps its history: UPDATE refused/,
      );
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.database.db)).rejects.toThrow(
        /keeps its history: DELETE refused/,
      );
    }
  });
});
