import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import type { DB } from '../db/schema.ts';
import { ALLOWED_LINKS, LINEAGE_KINDS, type LineageKind, type NodeRef } from './kinds.ts';
import { LineageError, type LineageErrorCode } from './lineageError.ts';
import { addLink, removeLink } from './linkStore.ts';
import {
  insertBoard,
  insertDecision,
  insertIndicators,
  insertItem,
  insertMeeting,
  insertPeople,
  insertPlan,
  insertPublishedReport,
  type People,
} from './testing/lineageFixture.ts';

/* Adding and removing links: every refusal, with nothing written; removal and re-adding; the audit entries. */

let t: TestDb;
let db: Kysely<DB>;
let people: People;
let reportId: number;
let rec: number;
let act: number;
let act2: number;
let meeting: number;
let meeting2: number;
let d1: number;
let d2: number;
const node = (kind: LineageKind, ref: string | number): NodeRef => ({ kind, ref: String(ref) });

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  people = await insertPeople(db);
  reportId = await insertPublishedReport(db, people.analyst);
  const plan = await insertPlan(db, 'SYNTHETIC plan', 'Violence');
  rec = await insertItem(db, plan, { kind: 'recommendation', number: '1', wording: 'Set up a violence board' });
  act = await insertItem(db, plan, { kind: 'action', number: '2', wording: 'Appoint a chair' });
  act2 = await insertItem(db, plan, { kind: 'action', number: '3', wording: 'Agree terms of reference' });
  await insertIndicators(db, ['ind-a', 'ind-b']);
  const board = await insertBoard(db, 'SYNTHETIC Safer Board');
  meeting = await insertMeeting(db, board, '2025-01-15T10:00:00Z');
  meeting2 = await insertMeeting(db, board, '2025-04-15T10:00:00Z');
  d1 = await insertDecision(db, meeting, '1', 'Escalate knife crime');
  d2 = await insertDecision(db, meeting2, '1', 'Fund a youth worker');
}, 60_000);
afterAll(async () => t?.drop());

async function counts() {
  const n = async (table: 'lineage_link' | 'lineage_link_removal' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { links: await n('lineage_link'), removals: await n('lineage_link_removal'), audit: await n('audit_log') };
}

/** Expects the attempt to be refused with the code (and message) and to write nothing. */
async function refused(attempt: () => Promise<unknown>, code: LineageErrorCode, message?: string | RegExp) {
  const before = await counts();
  const error = await attempt().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LineageError);
  expect((error as LineageError).code).toBe(code);
  if (typeof message === 'string') expect((error as LineageError).message).toBe(message);
  else if (message) expect((error as LineageError).message).toMatch(message);
  expect(await counts()).toEqual(before);
}

describe('refusals', () => {
  it('refuses every pair of kinds outside the nine allowed directions', async () => {
    // An existing node of each kind, and a second one for same-kind pairs (so it is not a self-link).
    const one: Record<LineageKind, NodeRef> = {
      finding: node('finding', `${reportId}/1#robbery-trend`),
      'plan-item': node('plan-item', rec),
      indicator: node('indicator', 'ind-a'),
      meeting: node('meeting', meeting),
      decision: node('decision', d1),
    };
    const other: Record<LineageKind, NodeRef> = {
      finding: node('finding', `${reportId}/1#victim-age`),
      'plan-item': node('plan-item', act),
      indicator: node('indicator', 'ind-b'),
      meeting: node('meeting', meeting2),
      decision: node('decision', d2),
    };
    const allowed = new Set(ALLOWED_LINKS.map(([f, to]) => `${f}>${to}`));
    expect(allowed.size).toBe(9);
    let tried = 0;
    for (const from of LINEAGE_KINDS)
      for (const to of LINEAGE_KINDS) {
        if (allowed.has(`${from}>${to}`)) continue;
        tried++;
        await refused(() => addLink(db, people.analyst, { from: one[from], to: other[to] }), 'KINDS');
      }
    expect(tried).toBe(16);
    await refused(
      () => addLink(db, people.analyst, { from: one.indicator, to: one['plan-item'] }),
      'KINDS',
      'an indicator cannot lead to a plan item: see the allowed links on the lineage page',
    );
  });

  it('refuses a link to itself', async () => {
    await refused(
      () => addLink(db, people.analyst, { from: node('decision', d1), to: node('decision', d1) }),
      'SELF',
      `decision ${d1} cannot be linked to itself`,
    );
  });

  it('refuses nodes that do not exist, and a finding from a version that was not published', async () => {
    const cases: [NodeRef, NodeRef, string][] = [
      [
        node('finding', `${reportId}/2#robbery-trend`),
        node('plan-item', rec),
        `there is no finding ${reportId}/2#robbery-trend`,
      ],
      [
        node('finding', `${reportId}/1#no-such-block`),
        node('plan-item', rec),
        `there is no finding ${reportId}/1#no-such-block`,
      ],
      [node('finding', '99999/1#robbery-trend'), node('plan-item', rec), 'there is no finding 99999/1#robbery-trend'],
      [node('plan-item', rec), node('plan-item', 99999), 'there is no plan item 99999'],
      [node('plan-item', rec), node('indicator', 'no-such-indicator'), 'there is no indicator no-such-indicator'],
      [node('plan-item', rec), node('meeting', 99999), 'there is no meeting 99999'],
      [node('meeting', meeting), node('decision', 99999), 'there is no decision 99999'],
    ];
    for (const [from, to, message] of cases)
      await refused(() => addLink(db, people.analyst, { from, to }), 'NOT_FOUND', message);
  });

  it('refuses refs of the wrong shape, naming the shape wanted', async () => {
    await refused(
      () => addLink(db, people.analyst, { from: node('finding', 'figure 3'), to: node('plan-item', rec) }),
      'BAD_REF',
      '"figure 3" is not a finding reference: give report id/version#block id, for example 12/3#crime-trend',
    );
    await refused(
      () => addLink(db, people.analyst, { from: node('plan-item', 'x1'), to: node('plan-item', rec) }),
      'BAD_REF',
      `"x1" is not a plan item reference: give the plan item's number`,
    );
  });

  it('lets analysts and partnership managers link; refuses viewers, data owners and administrators', async () => {
    for (const who of [people.viewer, people.dataOwner, people.administrator])
      await refused(
        () => addLink(db, who, { from: node('plan-item', rec), to: node('plan-item', act) }),
        'FORBIDDEN',
        'only analysts and partnership managers can link items in the thread',
      );
    const a = await addLink(db, people.analyst, { from: node('plan-item', rec), to: node('plan-item', act) });
    const m = await addLink(db, people.manager, { from: node('plan-item', rec), to: node('plan-item', act2) });
    for (const who of [people.viewer, people.dataOwner, people.administrator])
      await refused(() => removeLink(db, who, a, 'wrong'), 'FORBIDDEN');
    await removeLink(db, people.manager, a, 'SYNTHETIC: tidying');
    await removeLink(db, people.analyst, m, 'SYNTHETIC: tidying');
  });
});

describe('duplicates and cycles', () => {
  it('refuses a link that already exists, and a two-link cycle of decisions naming the path', async () => {
    await addLink(db, people.analyst, { from: node('decision', d1), to: node('decision', d2), note: 'superseded' });
    await refused(
      () => addLink(db, people.analyst, { from: node('decision', d1), to: node('decision', d2) }),
      'DUPLICATE',
      `decision ${d1} is already linked to decision ${d2}`,
    );
    await refused(
      () => addLink(db, people.analyst, { from: node('decision', d2), to: node('decision', d1) }),
      'CYCLE',
      `decision ${d2} → decision ${d1} → decision ${d2} would be a cycle: decision ${d1} already leads to decision ${d2}`,
    );
  });

  it('refuses a cycle of three through a plan item and a meeting', async () => {
    // decision d2 → action → meeting 2, then meeting 2 → decision d2 would close the loop.
    await addLink(db, people.analyst, { from: node('decision', d2), to: node('plan-item', act) });
    await addLink(db, people.analyst, { from: node('plan-item', act), to: node('meeting', meeting2) });
    await refused(
      () => addLink(db, people.analyst, { from: node('meeting', meeting2), to: node('decision', d2) }),
      'CYCLE',
      `meeting ${meeting2} → decision ${d2} → plan item ${act} → meeting ${meeting2} would be a cycle: ` +
        `decision ${d2} already leads to meeting ${meeting2}`,
    );
    // And the longer way round: meeting 2 → decision d1 is refused too, since d1 → d2 → action → meeting 2.
    await refused(
      () => addLink(db, people.analyst, { from: node('meeting', meeting2), to: node('decision', d1) }),
      'CYCLE',
      `meeting ${meeting2} → decision ${d1} → decision ${d2} → plan item ${act} → meeting ${meeting2} would be a cycle: ` +
        `decision ${d1} already leads to meeting ${meeting2}`,
    );
  });
});

describe('at the same time', () => {
  it('lets only one of two links that together close a cycle in', async () => {
    const m = await insertMeeting(db, await insertBoard(db, 'SYNTHETIC Subgroup'), '2025-05-01T10:00:00Z');
    const d3 = await insertDecision(db, m, '1', 'Review');
    const d4 = await insertDecision(db, m, '2', 'Report back');
    const results = await Promise.allSettled([
      addLink(db, people.analyst, { from: node('decision', d3), to: node('decision', d4) }),
      addLink(db, people.manager, { from: node('decision', d4), to: node('decision', d3) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' && (loser.reason as LineageError).code).toBe('CYCLE');
  });
});

describe('removal', () => {
  it('needs a reason; removes once; the same pair can then be linked again; every change audited', async () => {
    const link = await db
      .selectFrom('lineage_link')
      .select('id')
      .where('from_kind', '=', 'plan-item')
      .where('to_kind', '=', 'meeting')
      .executeTakeFirstOrThrow();
    await refused(
      () => removeLink(db, people.analyst, link.id, '   '),
      'REASON',
      'give the reason for removing the link',
    );
    await refused(() => removeLink(db, people.analyst, 99_999, 'gone'), 'NOT_FOUND', 'there is no link 99999');
    await removeLink(db, people.analyst, link.id, 'SYNTHETIC: discussed at another meeting');
    await refused(
      () => removeLink(db, people.analyst, link.id, 'again'),
      'REMOVED',
      `link ${link.id} has already been removed`,
    );
    // With the link gone the cycle is open: meeting 2 → decision d2 is now allowed …
    const closing = await addLink(db, people.analyst, { from: node('meeting', meeting2), to: node('decision', d2) });
    // … and re-adding the removed link would now close it.
    await refused(
      () => addLink(db, people.analyst, { from: node('plan-item', act), to: node('meeting', meeting2) }),
      'CYCLE',
      `plan item ${act} → meeting ${meeting2} → decision ${d2} → plan item ${act} would be a cycle: ` +
        `meeting ${meeting2} already leads to plan item ${act}`,
    );
    await removeLink(db, people.manager, closing, 'SYNTHETIC: recorded in error');
    const again = await addLink(db, people.analyst, { from: node('plan-item', act), to: node('meeting', meeting2) });
    expect(again).toBeGreaterThan(link.id);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_email', 'subject_type', 'subject_id', 'details'])
      .where('subject_id', 'in', [String(link.id), String(closing), String(again)])
      .where('subject_type', '=', 'lineage_link')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_email, a.subject_id])).toEqual([
      ['lineage.link.add', 'analyst@test.invalid', String(link.id)],
      ['lineage.link.remove', 'analyst@test.invalid', String(link.id)],
      ['lineage.link.add', 'analyst@test.invalid', String(closing)],
      ['lineage.link.remove', 'manager@test.invalid', String(closing)],
      ['lineage.link.add', 'analyst@test.invalid', String(again)],
    ]);
    expect(JSON.parse(String(audit[1]?.details))).toEqual({
      from: { kind: 'plan-item', ref: String(act) },
      to: { kind: 'meeting', ref: String(meeting2) },
      reason: 'SYNTHETIC: discussed at another meeting',
    });
    const removal = await db
      .selectFrom('lineage_link_removal')
      .select(['reason', 'removed_by'])
      .where('link_id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(removal).toEqual({ reason: 'SYNTHETIC: discussed at another meeting', removed_by: 'analyst@test.invalid' });
  });

  it('is append-only in the database too', async () => {
    await expect(db.deleteFrom('lineage_link').execute()).rejects.toThrow(/keeps its history/);
  });
});
