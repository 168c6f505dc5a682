import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import type { DB } from '../db/schema.ts';
import { lineageGaps } from './gaps.ts';
import type { NodeRef } from './kinds.ts';
import { addLink, removeLink } from './linkStore.ts';
import { insertIndicators, insertItem, insertPeople, insertPlan } from './testing/lineageFixture.ts';

/* The gaps view's three lists on hand-built data, on 1 June 2025. */

let t: TestDb;
let db: Kysely<DB>;
const ids: Record<string, number> = {};
const item = (key: string): NodeRef => ({ kind: 'plan-item', ref: String(ids[key]) });
const ind = (id: string): NodeRef => ({ kind: 'indicator', ref: id });

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  const { analyst } = await insertPeople(db);
  const plan = await insertPlan(db, 'SYNTHETIC plan', 'Violence');
  const add = async (key: string, input: Parameters<typeof insertItem>[2]) => {
    ids[key] = await insertItem(db, plan, input);
  };
  await add('R1', { kind: 'recommendation', number: '1', wording: 'Linked to an action' });
  await add('R2', { kind: 'recommendation', number: '2', wording: 'Linked to a recommendation only' });
  await add('R3', { kind: 'recommendation', number: '3', wording: 'Linked to nothing' });
  await add('R4', { kind: 'recommendation', number: '4', wording: 'Its action link was removed' });
  const owned = { ownerPerson: 'Head of Community Safety', ownerAgency: 'local_authority' };
  await add('A1', { kind: 'action', number: '11', wording: 'Done', ...owned, dueOn: '2025-01-01', status: 'complete' });
  await add('A2', { kind: 'action', number: '12', wording: 'Nobody owns it' });
  await add('A3', {
    kind: 'action',
    number: '13',
    wording: 'Late',
    ownerAgency: 'police',
    dueOn: '2025-05-31',
    status: 'on track',
  });
  await add('A4', { kind: 'action', number: '14', wording: 'Due today', ...owned, dueOn: '2025-06-01' });
  await add('A5', {
    kind: 'action',
    number: '15',
    wording: 'Dropped',
    ...owned,
    dueOn: '2024-12-01',
    status: 'dropped',
  });
  await add('A6', { kind: 'action', number: '16', wording: 'Both', dueOn: '2025-02-01', status: 'at risk' });
  await insertIndicators(db, ['ind-a', 'ind-b', 'ind-c', 'ind-d']);
  const link = (from: NodeRef, to: NodeRef) => addLink(db, analyst, { from, to });
  await link(item('R1'), item('A1'));
  await link(item('R2'), item('R3'));
  await removeLink(db, analyst, await link(item('R4'), item('A2')), 'SYNTHETIC: wrong action');
  await link(item('A1'), ind('ind-a'));
  await link(item('R1'), ind('ind-b'));
  await removeLink(db, analyst, await link(item('A2'), ind('ind-d')), 'SYNTHETIC: wrong indicator');
}, 60_000);
afterAll(async () => t?.drop());

describe('the gaps', () => {
  it('lists recommendations with no action, actions with no owner or overdue, indicators no action moves', async () => {
    const gaps = await lineageGaps(db, '2025-06-01');
    expect(gaps.recommendationsWithoutAction.map((r) => [r.id, r.number, r.wording])).toEqual([
      [ids.R2, '2', 'Linked to a recommendation only'],
      [ids.R3, '3', 'Linked to nothing'],
      [ids.R4, '4', 'Its action link was removed'],
    ]);
    expect(gaps.actionsWithoutOwnerOrOverdue.map((a) => [a.id, a.noOwner, a.overdue, a.status, a.dueOn])).toEqual([
      [ids.A2, true, false, 'not started', null],
      [ids.A3, false, true, 'on track', '2025-05-31'],
      [ids.A6, true, true, 'at risk', '2025-02-01'],
    ]);
    expect(gaps.indicatorsWithoutAction).toEqual([
      { id: 'ind-b', name: 'SYNTHETIC ind-b' },
      { id: 'ind-c', name: 'SYNTHETIC ind-c' },
      { id: 'ind-d', name: 'SYNTHETIC ind-d' },
    ]);
    expect(gaps.recommendationsWithoutAction[0]).toMatchObject({ plan: 'SYNTHETIC plan', theme: 'Violence' });
  });
});
