import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
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
} from '../testing/lineageFixture.ts';
import { lineageThread } from '../thread.ts';
import { demoLinks, seedDemoLineage } from './demoLineage.ts';

/* The demo's links: made from the ids given, through addLink, and not made twice. */

const s = (n: { kind: string; ref: string }) => `${n.kind} ${n.ref}`;

describe('the demo links, worked out', () => {
  it('finding → each recommendation; first recommendation → first two actions; actions → indicators in turn', () => {
    const links = demoLinks(
      {
        finding: '1/1#vap',
        recommendations: [10, 11],
        actions: [20, 21, 22],
        indicators: ['a', 'b'],
        decision: 30,
        decisionActions: [23],
      },
      40,
    );
    expect(links.map(([f, t]) => `${s(f)} > ${s(t)}`)).toEqual([
      'finding 1/1#vap > plan-item 10',
      'finding 1/1#vap > plan-item 11',
      'plan-item 10 > plan-item 20',
      'plan-item 10 > plan-item 21',
      'plan-item 11 > plan-item 22',
      'plan-item 20 > indicator a',
      'plan-item 21 > indicator b',
      'plan-item 22 > indicator a',
      'indicator a > meeting 40',
      'meeting 40 > decision 30',
      'decision 30 > plan-item 23',
    ]);
    expect(demoLinks({ recommendations: [], actions: [1], indicators: [] }, null)).toEqual([]);
  });
});

describe('seedDemoLineage', () => {
  let t: TestDb;
  let people: People;
  beforeAll(async () => {
    t = await createTestDb();
    people = await insertPeople(t.database.db);
  }, 60_000);
  afterAll(async () => t?.drop());

  it('writes the links once; a second run adds nothing and says why', async () => {
    const db = t.database.db;
    const report = await insertPublishedReport(db, people.analyst);
    const plan = await insertPlan(db, 'SYNTHETIC demo plan', 'Violence');
    const rec = await insertItem(db, plan, { kind: 'recommendation', number: '1', wording: 'Tackle robbery' });
    const a1 = await insertItem(db, plan, { kind: 'action', number: '2', wording: 'Patrol' });
    const a2 = await insertItem(db, plan, { kind: 'action', number: '3', wording: 'Outreach' });
    const a3 = await insertItem(db, plan, { kind: 'action', number: '4', wording: 'Escalate' });
    await insertIndicators(db, ['ind-a']);
    const meeting = await insertMeeting(db, await insertBoard(db, 'SYNTHETIC Board'), '2025-03-01T10:00:00Z');
    const decision = await insertDecision(db, meeting, '1', 'Escalate robbery');
    const ids = {
      finding: `${report}/1#robbery-trend`,
      recommendations: [rec],
      actions: [a1, a2],
      indicators: ['ind-a'],
      decision,
      decisionActions: [a3],
    };
    expect(await seedDemoLineage(db, people.manager, ids)).toEqual({ added: 8, skipped: [] });
    const again = await seedDemoLineage(db, people.manager, ids);
    expect(again.added).toBe(0);
    expect(again.skipped[0]).toBe(`finding ${report}/1#robbery-trend is already linked to plan item ${rec}`);
    expect(again.skipped).toHaveLength(8);
    const thread = await lineageThread(db, { kind: 'decision', ref: String(decision) });
    expect(thread.upstream.map((e) => s(e.node))).toEqual([
      `meeting ${meeting}`,
      'indicator ind-a',
      `plan-item ${a1}`,
      `plan-item ${a2}`,
      `plan-item ${rec}`,
      `finding ${report}/1#robbery-trend`,
    ]);
    expect(thread.downstream.map((e) => s(e.node))).toEqual([`plan-item ${a3}`]);
  });
});
