import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { addAction, setActionStatus } from './caseActions.ts';
import { closeCase } from './hearing.ts';
import { myCases } from './myCases.ts';
import { seedCase } from './testing/caseTestData.ts';

/*
 * Closing a SYNTHETIC MACE case with two open actions and one done: the open ones are dropped with it, stamped with
 * the closing time, the done one is left as it was, and the closure's audit row counts them. Worked out by hand.
 */

let f: PanelFixture;
const NOW = new Date('2026-11-20T15:00:00Z');
const EARLIER = new Date('2026-11-13T09:00:00Z');

beforeAll(async () => {
  f = await createPanelFixture();
}, 120_000);
afterAll(async () => f?.t.drop());

const action = async (caseId: number, text: string, owner: number) =>
  (await addAction(f.db, f.people.maceChair, caseId, { text, ownerId: owner, dueOn: '2026-12-24' }, EARLIER)).actionId;

const statuses = async (caseId: number) =>
  (
    await f.db
      .selectFrom('case_action')
      .select(['id', 'status', 'completed_at'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute()
  ).map((a) => [a.id, a.status, a.completed_at?.toISOString() ?? null]);

const closures = async (caseId: number) =>
  (
    await f.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.close')
      .where('subject_id', '=', String(caseId))
      .execute()
  ).map((a) => JSON.parse(a.details) as Record<string, unknown>);

describe('closing a case closes its open actions', () => {
  it('refuses a closure with no reason and changes nothing', async () => {
    const c = await seedCase(f.db, f.ring, { panelId: 'mace', referrer: f.people.nurse });
    const open = await action(c.caseId, 'SYNTHETIC visit school', f.people.macePolice.id);
    await expect(closeCase(f.db, f.ring, f.people.maceChair, c.caseId, {}, NOW)).rejects.toThrow(
      'reason: choose the reason for closing',
    );
    await expect(closeCase(f.db, f.ring, f.people.maceChair, c.caseId, { reason: '' }, NOW)).rejects.toThrow(
      'reason: choose the reason for closing',
    );
    const row = await f.db
      .selectFrom('panel_case')
      .select(['status', 'closed_at', 'closure_reason', 'retain_until'])
      .where('id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', closed_at: null, closure_reason: null, retain_until: null });
    expect(await statuses(c.caseId)).toEqual([[open, 'open', null]]);
    expect(await closures(c.caseId)).toEqual([]);
    const facts = await f.db.selectFrom('panel_fact').select('id').where('kind', '=', 'outcome').execute();
    expect(facts).toEqual([]);
  });

  it('drops the two open actions, leaves the done one, counts 2 in the audit and empties their owners’ lists', async () => {
    const c = await seedCase(f.db, f.ring, { panelId: 'mace', referrer: f.people.nurse });
    const other = await seedCase(f.db, f.ring, { panelId: 'mace', referrer: f.people.nurse });
    const first = await action(c.caseId, 'SYNTHETIC mentor', f.people.macePolice.id);
    const second = await action(c.caseId, 'SYNTHETIC home visit', f.people.maceChildren.id);
    const done = await action(c.caseId, 'SYNTHETIC school meeting', f.people.macePolice.id);
    await setActionStatus(f.db, f.people.maceChair, c.caseId, done, { status: 'done' }, EARLIER);
    const elsewhere = await action(other.caseId, 'SYNTHETIC youth club', f.people.macePolice.id);
    // Owners' open actions on these two cases (the first test left one of its own on another case).
    const mine = async (who: 'macePolice' | 'maceChildren') =>
      (await myCases(f.db, f.people[who], NOW, 1)).actions
        .filter((a) => a.caseId === c.caseId || a.caseId === other.caseId)
        .map((a) => a.id);
    expect(await mine('macePolice')).toEqual([first, elsewhere]);
    expect(await mine('maceChildren')).toEqual([second]);

    expect(await closeCase(f.db, f.ring, f.people.maceChair, c.caseId, { reason: 'moved-away' }, NOW)).toEqual({
      retainUntil: '2032-11-20',
      actionsClosed: 2,
    });
    expect(await statuses(c.caseId)).toEqual([
      [first, 'dropped', NOW.toISOString()],
      [second, 'dropped', NOW.toISOString()],
      [done, 'done', EARLIER.toISOString()],
    ]);
    expect(await statuses(other.caseId)).toEqual([[elsewhere, 'open', null]]);
    expect(await closures(c.caseId)).toEqual([
      {
        reason: 'moved-away',
        outcome: null,
        retainUntil: '2032-11-20',
        actionsClosed: 2,
        actionsClosedIds: [first, second],
      },
    ]);
    // "My open actions": the closed case's actions are gone, the other case's remains.
    expect(await mine('macePolice')).toEqual([elsewhere]);
    expect(await mine('maceChildren')).toEqual([]);
  });
});
