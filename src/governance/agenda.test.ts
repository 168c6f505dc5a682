import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import type { DB } from '../db/schema.ts';
import { loadIndicatorSet } from '../performance/store/indicatorSet.ts';
import { acceptedPoliceReturn, addReturnActors } from '../performance/testing/returnsFixture.ts';
import { actionsForMeeting } from './actionQueries.ts';
import { addAction, setActionStatus } from './actionStore.ts';
import { buildAgenda, storedAgenda } from './agenda.ts';
import { addStandingItem, retireStandingItem } from './boardStore.ts';
import { GovernanceError } from './governanceError.ts';
import { meetingWithBoard } from './meetingAccess.ts';
import { meetingActionsFor } from './myMeetingActions.ts';
import { addPeople, boardWithMembers, governanceCounts, meetingOn, type People } from './testing/governanceFixture.ts';

/*
 * Agendas built from standing items over seeded plan statuses and accepted returns, and actions arising carried
 * forward across three meetings until closed.
 */

let t: TestDb;
let db: Kysely<DB>;
let p: People;
let boardId: number;
const m: number[] = [];

async function planItem(planId: number, themeId: number, n: string, wording: string, statuses: [string, string][]) {
  const { id } = await db
    .insertInto('plan_item')
    .values({
      plan_id: planId,
      theme_id: themeId,
      match_key: `action|${n}|1`,
      number: n,
      kind: 'action',
      category: 'core',
      position: Number(n),
      owner_person: n === '2' ? 'Head of Community Safety' : null,
      owner_agency: n === '2' ? 'local_authority' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('plan_item_wording').values({ item_id: id, version: 1, wording, changed_by: 'test' }).execute();
  for (const [status, reason] of statuses)
    await db
      .insertInto('plan_item_status')
      .values({ item_id: id, status: status as 'at risk', reason, changed_by: 'test' })
      .execute();
}

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  p = await addPeople(db);
  boardId = await boardWithMembers(db, p, { name: 'Agenda Board' });
  for (const date of ['2025-01-14', '2025-02-11', '2025-03-11']) m.push(await meetingOn(db, p, boardId, date));
  // A plan whose item 1 is at risk, item 2 went at risk then off track, item 3 went at risk then back on track.
  const plan = await db
    .insertInto('plan')
    .values({ kind: 'action-plan', title: 'SYNTHETIC Partnership Plan', created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const theme = await db
    .insertInto('plan_theme')
    .values({ plan_id: plan.id, theme_key: 't1', number: '1', title: 'Violence', description: '', position: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await planItem(plan.id, theme.id, '1', 'Map youth provision', [['at risk', 'No analyst until March']]);
  await planItem(plan.id, theme.id, '2', 'Commission a weapons sweep', [
    ['at risk', 'Late start'],
    ['off track', 'Funding withdrawn'],
  ]);
  await planItem(plan.id, theme.id, '3', 'Train licensing staff', [
    ['at risk', 'Trainer ill'],
    ['on track', 'New trainer found'],
  ]);
  // Police returns for two years: ASB calls 100 then 150 (worse, significantly), everything else unchanged.
  await loadIndicatorSet(db);
  const actors = await addReturnActors(db);
  await acceptedPoliceReturn(db, actors, {
    quarter: '2014/15 Q2',
    dueOn: '2014-10-31',
    asbCalls: '100',
    commentary: 'test',
  });
  await acceptedPoliceReturn(db, actors, {
    quarter: '2015/16 Q2',
    dueOn: '2015-10-31',
    asbCalls: '150',
    commentary: 'test',
  });
  for (const [title, source] of [
    ['Welcome and apologies', 'fixed'],
    ['Performance exceptions', 'performance-exceptions'],
    ['Plan items at risk', 'plan-items-at-risk'],
    ['Actions arising', 'actions-arising'],
    ['Register summary', 'register-summary'],
  ] as const)
    await addStandingItem(db, p.manager, boardId, { title, source });
}, 120_000);
afterAll(async () => t?.drop());

const action = (meetingId: number, text: string, dueOn: string) =>
  addAction(db, p.secretary, meetingId, { text, ownerUserId: p.member.id, ownerAgency: null, dueOn, decisionId: null });

describe('actions arising carried forward', () => {
  it('lists an open action on every later meeting until it is closed, saying where it came from', async () => {
    const a = await action(m[0]!, 'SYNTHETIC: map knife crime hot spots', '2025-02-01');
    const b = await action(m[0]!, 'SYNTHETIC: write to the housing board', '2025-03-31');
    // B is closed at the second meeting; C is raised there.
    await setActionStatus(
      db,
      p.member,
      b,
      { status: 'complete', reason: 'Letter sent', meetingId: m[1]! },
      '2025-02-11',
    );
    const c = await action(m[1]!, 'SYNTHETIC: brief the chair', '2025-04-30');
    const listed = async (i: number) =>
      (await actionsForMeeting(db, await meetingWithBoard(db, m[i]!))).map((x) => [
        x.id,
        x.status,
        x.carriedForwardFrom,
      ]);
    expect(await listed(0)).toEqual([
      [a, 'open', null],
      [b, 'complete', null],
    ]);
    expect(await listed(1)).toEqual([
      [c, 'open', null],
      [a, 'open', '2025-01-14'],
      [b, 'complete', '2025-01-14'],
    ]);
    expect(await listed(2)).toEqual([
      [a, 'open', '2025-01-14'],
      [c, 'open', '2025-02-11'],
    ]);
    // The owner's open actions: A overdue on 2025-03-01, C not; B closed.
    expect(
      (await meetingActionsFor(db, p.member.id, '2025-03-01')).map((x) => [
        x.id,
        x.boardName,
        x.meetingDate,
        x.overdue,
      ]),
    ).toEqual([
      [a, 'Agenda Board', '2025-01-14', true],
      [c, 'Agenda Board', '2025-02-11', false],
    ]);
    expect(await meetingActionsFor(db, p.chair.id, '2025-03-01')).toEqual([]);
  });
});

describe('the agenda', () => {
  it('is one item per current standing item, in order, each with a snapshot of what it shows', async () => {
    const items = await buildAgenda(db, p.secretary, m[2]!, '2025-03-01');
    expect(items.map((i) => [i.position, i.title, i.source])).toEqual([
      [1, 'Welcome and apologies', 'fixed'],
      [2, 'Performance exceptions', 'performance-exceptions'],
      [3, 'Plan items at risk', 'plan-items-at-risk'],
      [4, 'Actions arising', 'actions-arising'],
      [5, 'Register summary', 'register-summary'],
    ]);
    expect(items[0]?.content).toEqual([]);
    // 150 calls in the year to September 2015 against 100 the year before: worse, and significantly so.
    expect(items[1]?.content).toEqual([
      {
        text: 'Police CAD calls for anti-social behaviour: 150 in Oct 2014–Sep 2015',
        detail: 'significantly worse, worsening; lead agency police',
      },
    ]);
    expect(items[2]?.content).toEqual([
      {
        text: 'SYNTHETIC Partnership Plan, item 1: Map youth provision',
        detail: 'at risk: No analyst until March. Owner: not assigned',
      },
      {
        text: 'SYNTHETIC Partnership Plan, item 2: Commission a weapons sweep',
        detail: 'off track: Funding withdrawn. Owner: Head of Community Safety, council',
      },
    ]);
    expect(items[3]?.content).toEqual([
      {
        text: 'SYNTHETIC: map knife crime hot spots',
        detail: 'Owner: member (test) (health); due 1 February 2025; carried forward from 14 January 2025',
      },
      {
        text: 'SYNTHETIC: brief the chair',
        detail: 'Owner: member (test) (health); due 30 April 2025; carried forward from 11 February 2025',
      },
    ]);
    // Since the board last met (11 February) up to the day the agenda is built: nothing recorded.
    expect(items[4]?.content).toEqual([
      { text: 'No register entries from 11 February 2025 to 1 March 2025', detail: '' },
    ]);
    expect(await storedAgenda(db, m[2]!)).toEqual(items);
  });

  it('rebuilding replaces it (a retired item drops out), audited each time; a plain member may not build it', async () => {
    const standing = await db
      .selectFrom('board_standing_item')
      .select('id')
      .where('source', '=', 'register-summary')
      .executeTakeFirstOrThrow();
    await retireStandingItem(db, p.manager, standing.id, new Date());
    await buildAgenda(db, p.manager, m[2]!, '2025-03-01');
    expect((await storedAgenda(db, m[2]!)).map((i) => i.title)).toEqual([
      'Welcome and apologies',
      'Performance exceptions',
      'Plan items at risk',
      'Actions arising',
    ]);
    const builds = await db
      .selectFrom('audit_log')
      .select('actor_email')
      .where('action', '=', 'meeting.agenda.build')
      .execute();
    expect(builds.map((b) => b.actor_email)).toEqual([p.secretary.email, p.manager.email]);
    const before = await governanceCounts(db);
    const e = await buildAgenda(db, p.member, m[2]!, '2025-03-01').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GovernanceError);
    expect((e as GovernanceError).message).toBe(
      'only the chair, vice-chair or secretariat of Agenda Board can build its agendas',
    );
    expect(await governanceCounts(db)).toEqual(before);
  });
});
