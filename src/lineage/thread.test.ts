import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import type { DB } from '../db/schema.ts';
import type { LineageKind, NodeRef } from './kinds.ts';
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
import { StatementCounter } from '../http/testing/statementCounter.ts';
import { lineageThread, type Thread } from './thread.ts';

/*
 * The thread both ways on a small hand-built graph:
 *   finding → recommendation → action 1 and action 2 → indicator → meeting → decision → action 3
 * Each node appears once, at the depth it is first reached, by the first link (in the order links were made).
 */

let t: TestDb;
let db: Kysely<DB>;
let people: People;
const n = (kind: LineageKind, ref: string | number): NodeRef => ({ kind, ref: String(ref) });
let F: NodeRef;
let R: NodeRef;
let A1: NodeRef;
let A2: NodeRef;
let A3: NodeRef;
const I = n('indicator', 'ind-a');
let M: NodeRef;
let D: NodeRef;
let a2ToI: number;

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  people = await insertPeople(db);
  F = n('finding', `${await insertPublishedReport(db, people.analyst)}/1#robbery-trend`);
  const plan = await insertPlan(db, 'SYNTHETIC plan', 'Violence');
  R = n('plan-item', await insertItem(db, plan, { kind: 'recommendation', number: '1', wording: 'Tackle robbery' }));
  A1 = n('plan-item', await insertItem(db, plan, { kind: 'action', number: '2', wording: 'Patrol hot spots' }));
  A2 = n('plan-item', await insertItem(db, plan, { kind: 'action', number: '3', wording: 'Youth outreach' }));
  A3 = n('plan-item', await insertItem(db, plan, { kind: 'action', number: '4', wording: 'Escalate to the VRU' }));
  await insertIndicators(db, ['ind-a']);
  const board = await insertBoard(db, 'SYNTHETIC Safer Board');
  M = n('meeting', await insertMeeting(db, board, '2025-01-15T10:00:00Z'));
  D = n('decision', await insertDecision(db, Number(M.ref), '1', 'Escalate robbery'));
  const link = (from: NodeRef, to: NodeRef) => addLink(db, people.analyst, { from, to });
  await link(F, R);
  await link(R, A1);
  await link(R, A2);
  await link(A1, I);
  a2ToI = await link(A2, I);
  await link(I, M);
  await link(M, D);
  await link(D, A3);
}, 60_000);
afterAll(async () => t?.drop());

/** The thread as [kind ref, depth, via] triples, in order. */
const shape = (entries: Thread['upstream']) =>
  entries.map((e) => [`${e.node.kind} ${e.node.ref}`, e.depth, `${e.via.kind} ${e.via.ref}`]);
const s = (x: NodeRef) => `${x.kind} ${x.ref}`;

describe('the thread', () => {
  it('from the recommendation: the finding upstream, everything that came of it downstream', async () => {
    const thread = await lineageThread(db, R);
    expect(shape(thread.upstream)).toEqual([[s(F), 1, s(R)]]);
    expect(shape(thread.downstream)).toEqual([
      [s(A1), 1, s(R)],
      [s(A2), 1, s(R)],
      [s(I), 2, s(A1)],
      [s(M), 3, s(I)],
      [s(D), 4, s(M)],
      [s(A3), 5, s(D)],
    ]);
  });

  it('from the decision: back to the finding, and the action it led to', async () => {
    const thread = await lineageThread(db, D);
    expect(shape(thread.upstream)).toEqual([
      [s(M), 1, s(D)],
      [s(I), 2, s(M)],
      [s(A1), 3, s(I)],
      [s(A2), 3, s(I)],
      [s(R), 4, s(A1)],
      [s(F), 5, s(R)],
    ]);
    expect(shape(thread.downstream)).toEqual([[s(A3), 1, s(D)]]);
  });

  it('from the indicator, both ways; a finding has nothing upstream, the last action nothing downstream', async () => {
    const thread = await lineageThread(db, I);
    expect(shape(thread.upstream)).toEqual([
      [s(A1), 1, s(I)],
      [s(A2), 1, s(I)],
      [s(R), 2, s(A1)],
      [s(F), 3, s(R)],
    ]);
    expect(shape(thread.downstream)).toEqual([
      [s(M), 1, s(I)],
      [s(D), 2, s(M)],
      [s(A3), 3, s(D)],
    ]);
    expect((await lineageThread(db, F)).upstream).toEqual([]);
    expect((await lineageThread(db, A3)).downstream).toEqual([]);
  });

  it('is bounded by depth', async () => {
    const thread = await lineageThread(db, F, 2);
    expect(shape(thread.downstream)).toEqual([
      [s(R), 1, s(F)],
      [s(A1), 2, s(R)],
      [s(A2), 2, s(R)],
    ]);
  });

  it("gives the node's own links, oldest first, and reads the whole thread in one statement", async () => {
    const counter = new StatementCounter();
    let thread: Thread | undefined;
    const statements = await counter.countOf(async () => {
      thread = await lineageThread(db.withPlugin(counter), I);
    });
    expect(statements).toBe(1);
    const ends = (links: Thread['direct']['upstream']) => links.map((l) => [l.from, l.to]);
    // Made in this order above: A1 → I, A2 → I, then I → M.
    expect(ends(thread?.direct.upstream ?? [])).toEqual([
      [A1, I],
      [A2, I],
    ]);
    expect(ends(thread?.direct.downstream ?? [])).toEqual([[I, M]]);
    expect((await lineageThread(db, F)).direct.upstream).toEqual([]);
  });

  it('leaves out removed links', async () => {
    await removeLink(db, people.analyst, a2ToI, 'SYNTHETIC: outreach does not move robbery');
    const thread = await lineageThread(db, I);
    expect(shape(thread.upstream)).toEqual([
      [s(A1), 1, s(I)],
      [s(R), 2, s(A1)],
      [s(F), 3, s(R)],
    ]);
    // Action 2 still comes of the recommendation, but no longer reaches the indicator.
    expect(shape((await lineageThread(db, A2)).downstream)).toEqual([]);
  });
});
