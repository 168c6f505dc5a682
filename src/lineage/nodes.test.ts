import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import type { DB } from '../db/schema.ts';
import { lineageHref } from './kinds.ts';
import { StatementCounter } from '../http/testing/statementCounter.ts';
import type { NodeRef } from './kinds.ts';
import { resolveNode, resolveNodes } from './nodes.ts';
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

/* Each kind of node named and linked as the lineage page shows it; a restricted board's decisions withheld. */

let t: TestDb;
let db: Kysely<DB>;
let people: People;
let reportId: number;
let plan: { planId: number; themeId: number };
let itemId: number;
let meetingId: number;
let decisionId: number;
let secretDecision: number;
let secretBoard: number;

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  people = await insertPeople(db);
  reportId = await insertPublishedReport(db, people.analyst);
  plan = await insertPlan(db, 'SYNTHETIC plan', 'Violence');
  itemId = await insertItem(db, plan, {
    kind: 'recommendation',
    number: '4 a)',
    wording: 'Set up a serious violence board with a chair from the council and members from every agency',
  });
  await insertIndicators(db, ['ind-a']);
  const board = await insertBoard(db, 'SYNTHETIC Safer Board');
  meetingId = await insertMeeting(db, board, '2025-01-15T10:00:00Z');
  decisionId = await insertDecision(db, meetingId, '3', 'Escalate knife crime');
  secretBoard = await insertBoard(db, 'SYNTHETIC MARAC', true);
  secretDecision = await insertDecision(
    db,
    await insertMeeting(db, secretBoard, '2025-02-03T14:00:00Z'),
    '1',
    'Refer case',
  );
}, 60_000);
afterAll(async () => t?.drop());

describe('nodes', () => {
  it('names a figure and a section of a published report, linked to the report page at its anchor', async () => {
    expect(await resolveNode(db, { kind: 'finding', ref: `${reportId}/1#robbery-trend` })).toMatchObject({
      exists: true,
      title: 'SYNTHETIC SNA, Figure 1: Robbery by month, Tower Hamlets',
      href: `/reports/${reportId}#figure-robbery-trend`,
    });
    expect(await resolveNode(db, { kind: 'finding', ref: `${reportId}/1#violence` })).toMatchObject({
      exists: true,
      title: 'SYNTHETIC SNA, section 2. Violence profile',
      href: `/reports/${reportId}#section-violence`,
    });
    expect(await resolveNode(db, { kind: 'finding', ref: `${reportId}/2#violence` })).toMatchObject({
      exists: false,
      title: `finding ${reportId}/2#violence (not found)`,
      href: null,
    });
  });

  it('names a plan item by plan, theme, kind, number and first twelve words', async () => {
    expect(await resolveNode(db, { kind: 'plan-item', ref: String(itemId) })).toMatchObject({
      exists: true,
      title:
        'SYNTHETIC plan, Violence, recommendation 4 a): Set up a serious violence board with a chair from the council…',
      href: `/plans/${plan.planId}/items/${itemId}`,
    });
    expect((await resolveNode(db, { kind: 'plan-item', ref: 'abc' })).exists).toBe(false);
  });

  it('names an indicator, a meeting and a decision', async () => {
    expect(await resolveNode(db, { kind: 'indicator', ref: 'ind-a' })).toMatchObject({
      title: 'SYNTHETIC ind-a',
      href: '/performance/indicators/ind-a',
    });
    expect(await resolveNode(db, { kind: 'meeting', ref: String(meetingId) })).toMatchObject({
      title: 'SYNTHETIC Safer Board, 15 January 2025',
      href: `/meetings/${meetingId}`,
    });
    expect(await resolveNode(db, { kind: 'decision', ref: String(decisionId) }, people.viewer)).toMatchObject({
      title: 'SYNTHETIC Safer Board, 15 January 2025, decision 3: Escalate knife crime',
      href: `/meetings/${meetingId}#decision-${decisionId}`,
    });
  });

  it('names a mixed set of nodes in one statement, the missing and malformed among them', async () => {
    const counter = new StatementCounter();
    const counted = db.withPlugin(counter);
    const nodes: NodeRef[] = [
      { kind: 'finding', ref: `${reportId}/1#robbery-trend` },
      { kind: 'finding', ref: `${reportId}/2#violence` },
      { kind: 'plan-item', ref: String(itemId) },
      { kind: 'plan-item', ref: 'abc' },
      { kind: 'indicator', ref: 'ind-a' },
      { kind: 'indicator', ref: 'ind-none' },
      { kind: 'meeting', ref: String(meetingId) },
      { kind: 'meeting', ref: '999999' },
      { kind: 'decision', ref: String(decisionId) },
      { kind: 'decision', ref: String(secretDecision) },
    ];
    const names = await counter.countOf(async () => {
      const map = await resolveNodes(counted, nodes, people.viewer, '2025-06-01');
      expect([...map.values()].map((n) => [n.exists, n.title, n.href])).toEqual([
        [true, 'SYNTHETIC SNA, Figure 1: Robbery by month, Tower Hamlets', `/reports/${reportId}#figure-robbery-trend`],
        [false, `finding ${reportId}/2#violence (not found)`, null],
        [
          true,
          'SYNTHETIC plan, Violence, recommendation 4 a): Set up a serious violence board with a chair from the council…',
          `/plans/${plan.planId}/items/${itemId}`,
        ],
        [false, 'plan item abc (not found)', null],
        [true, 'SYNTHETIC ind-a', '/performance/indicators/ind-a'],
        [false, 'indicator ind-none (not found)', null],
        [true, 'SYNTHETIC Safer Board, 15 January 2025', `/meetings/${meetingId}`],
        [false, 'meeting 999999 (not found)', null],
        [
          true,
          'SYNTHETIC Safer Board, 15 January 2025, decision 3: Escalate knife crime',
          `/meetings/${meetingId}#decision-${decisionId}`,
        ],
        [
          true,
          'SYNTHETIC MARAC, 3 February 2025, decision 1 (restricted board: its decisions are read by its members)',
          null,
        ],
      ]);
      // A meeting's and a decision's time is the meeting's start, a Date as the page orders and shows it.
      expect(map.get(`meeting:${meetingId}`)?.at).toEqual(new Date('2025-01-15T10:00:00Z'));
    });
    expect(names).toBe(1);
    // Nothing that could exist, nothing asked.
    expect(await counter.countOf(() => resolveNodes(counted, [{ kind: 'meeting', ref: 'x' }]))).toBe(0);
  });

  it("withholds a restricted board's decision from a reader who is not a member", async () => {
    const ref = { kind: 'decision' as const, ref: String(secretDecision) };
    expect(await resolveNode(db, ref, people.viewer, '2025-06-01')).toMatchObject({
      exists: true,
      title: 'SYNTHETIC MARAC, 3 February 2025, decision 1 (restricted board: its decisions are read by its members)',
      href: null,
    });
    await db
      .insertInto('board_member')
      .values({
        board_id: secretBoard,
        user_id: people.viewer.id,
        agency_code: 'probation',
        member_role: 'member',
        joined_on: '2025-01-01',
      })
      .execute();
    expect((await resolveNode(db, ref, people.viewer, '2025-06-01')).title).toBe(
      'SYNTHETIC MARAC, 3 February 2025, decision 1: Refer case',
    );
  });

  it('makes lineage links with the ref encoded', () => {
    expect(lineageHref('finding', '12/3#crime-trend')).toBe('/lineage/finding/12%2F3%23crime-trend');
    expect(lineageHref('plan-item', 40)).toBe('/lineage/plan-item/40');
  });
});
