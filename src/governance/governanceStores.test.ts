import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import type { DB } from '../db/schema.ts';
import { setActionStatus, addAction } from './actionStore.ts';
import { addMember, createBoard, memberLeaves, updateBoard } from './boardStore.ts';
import { GovernanceError } from './governanceError.ts';
import { recordAttendance, recordDecision, recordMinutes, rescheduleMeeting } from './meetingStore.ts';
import { londonToInstant } from './londonTime.ts';
import { addPeople, boardWithMembers, governanceCounts, meetingOn, type People } from './testing/governanceFixture.ts';

/* The stores: who may change what, nothing written on a refusal, every change in the audit log. */

let t: TestDb;
let db: Kysely<DB>;
let p: People;
let boardId: number;
let meetingId: number;

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  p = await addPeople(db);
  boardId = await boardWithMembers(db, p, { name: 'Test CSP Board' });
  meetingId = await meetingOn(db, p, boardId, '2025-01-14');
}, 60_000);
afterAll(async () => t?.drop());

async function refusal(promise: Promise<unknown>): Promise<GovernanceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GovernanceError);
  return error as GovernanceError;
}

const lastAudit = async (n: number) =>
  (
    await db
      .selectFrom('audit_log')
      .select(['action', 'actor_email', 'subject_type'])
      .orderBy('id', 'desc')
      .limit(n)
      .execute()
  ).reverse();

describe('boards', () => {
  it('only a partnership manager arranges boards', async () => {
    const before = await governanceCounts(db);
    const e = await refusal(
      createBoard(db, p.chair, {
        name: 'Chair’s own board',
        kind: 'board',
        parentBoardId: null,
        termsOfReference: '',
        chairUserId: null,
        quorum: 2,
        restricted: false,
      }),
    );
    expect(e.message).toBe('only a partnership manager can arrange boards and meetings');
    expect(await governanceCounts(db)).toEqual(before);
  });

  it('refuses a parent that would make a cycle (A under B under A) and a board under itself, writing nothing', async () => {
    const input = {
      kind: 'subgroup' as const,
      termsOfReference: '',
      chairUserId: null,
      quorum: 2,
      restricted: false,
    };
    const a = await createBoard(db, p.manager, { ...input, name: 'Board A', parentBoardId: null });
    const b = await createBoard(db, p.manager, { ...input, name: 'Board B', parentBoardId: a });
    const c = await createBoard(db, p.manager, { ...input, name: 'Board C', parentBoardId: b });
    const before = await governanceCounts(db);
    const cycle = await refusal(updateBoard(db, p.manager, a, { ...input, name: 'Board A', parentBoardId: c }));
    expect(cycle.message).toBe('Board A cannot sit under itself or under one of its own subgroups');
    expect(cycle.field).toBe('parent');
    await refusal(updateBoard(db, p.manager, a, { ...input, name: 'Board A', parentBoardId: a }));
    const clash = await refusal(updateBoard(db, p.manager, b, { ...input, name: 'Board A', parentBoardId: a }));
    expect(clash.message).toBe('A board called Board A already exists');
    expect(await governanceCounts(db)).toEqual(before);
    const parent = await db.selectFrom('board').select('parent_board_id').where('id', '=', a).executeTakeFirstOrThrow();
    expect(parent.parent_board_id).toBeNull();
    // Moving C up under A is no cycle.
    await updateBoard(db, p.manager, c, { ...input, name: 'Board C', parentBoardId: a });
    expect(await lastAudit(1)).toEqual([
      { action: 'board.update', actor_email: p.manager.email, subject_type: 'board' },
    ]);
  });
});

describe('minuting a meeting', () => {
  it('refuses a non-member (even a partnership manager), a plain member and a viewer, writing nothing', async () => {
    const before = await governanceCounts(db);
    const manager = await refusal(recordMinutes(db, p.manager, meetingId, 'SYNTHETIC minutes'));
    expect(manager.message).toBe('only members of Test CSP Board can minute its meetings');
    expect(manager.code).toBe('FORBIDDEN');
    const outsider = await refusal(recordAttendance(db, p.outsider, meetingId, []));
    expect(outsider.message).toBe('only members of Test CSP Board can minute its meetings');
    const member = await refusal(
      recordDecision(db, p.member, meetingId, { number: '', text: 'x', supersedesDecisionId: null }),
    );
    expect(member.message).toBe('only the chair, vice-chair or secretariat of Test CSP Board can minute its meetings');
    const viewer = await refusal(
      addAction(db, p.viewer, meetingId, {
        text: 'x',
        ownerUserId: p.member.id,
        ownerAgency: null,
        dueOn: null,
        decisionId: null,
      }),
    );
    expect(viewer.message).toBe('your role (viewer) reads meetings but does not change them');
    expect(await governanceCounts(db)).toEqual(before);
  });

  it('lets the chair and secretariat record attendance, minutes in versions, decisions and actions, each audited', async () => {
    const before = await governanceCounts(db);
    await recordAttendance(db, p.secretary, meetingId, [
      { userId: p.chair.id, agencyCode: 'police', attendance: 'present' },
      { userId: p.member.id, agencyCode: 'health', attendance: 'apologies' },
    ]);
    // Recording it again replaces the register.
    await recordAttendance(db, p.secretary, meetingId, [
      { userId: p.chair.id, agencyCode: 'police', attendance: 'present' },
      { userId: p.member.id, agencyCode: 'health', attendance: 'present' },
    ]);
    expect(await recordMinutes(db, p.chair, meetingId, 'SYNTHETIC minutes, draft')).toBe(1);
    expect(await recordMinutes(db, p.secretary, meetingId, 'SYNTHETIC minutes, agreed')).toBe(2);
    const d1 = await recordDecision(db, p.chair, meetingId, {
      number: '',
      text: 'Adopt the plan',
      supersedesDecisionId: null,
    });
    const d2 = await recordDecision(db, p.chair, meetingId, {
      number: '',
      text: 'Adopt it with changes',
      supersedesDecisionId: d1,
    });
    const numbers = await db
      .selectFrom('decision')
      .select('number')
      .where('meeting_id', '=', meetingId)
      .orderBy('id')
      .execute();
    expect(numbers.map((n) => n.number)).toEqual(['1', '2']);
    const dup = await refusal(
      recordDecision(db, p.chair, meetingId, { number: '2', text: 'again', supersedesDecisionId: null }),
    );
    expect(dup.message).toBe('Decision 2 is already recorded at this meeting');
    await addAction(db, p.chair, meetingId, {
      text: 'Report back on the plan',
      ownerUserId: p.member.id,
      ownerAgency: null,
      dueOn: '2025-02-28',
      decisionId: d2,
    });
    expect(await governanceCounts(db)).toEqual({
      ...before,
      meeting_attendance: before.meeting_attendance + 2,
      meeting_minutes: before.meeting_minutes + 2,
      decision: before.decision + 2,
      meeting_action: before.meeting_action + 1,
      meeting_action_status: before.meeting_action_status + 1,
      audit_log: before.audit_log + 7,
    });
    expect((await lastAudit(7)).map((a) => a.action)).toEqual([
      'meeting.attendance',
      'meeting.attendance',
      'meeting.minutes',
      'meeting.minutes',
      'decision.record',
      'decision.record',
      'meeting.action.add',
    ]);
    const action = await db.selectFrom('meeting_action').select(['owner_agency']).executeTakeFirstOrThrow();
    expect(action.owner_agency).toBe('health');
  });

  it('a member who left before the meeting may no longer minute it', async () => {
    const other = await boardWithMembers(db, p, { name: 'Leavers board' });
    const seat = await db
      .selectFrom('board_member')
      .select('id')
      .where('board_id', '=', other)
      .where('user_id', '=', p.chair.id)
      .executeTakeFirstOrThrow();
    await memberLeaves(db, p.manager, seat.id, '2024-12-31');
    const m = await meetingOn(db, p, other, '2025-01-14');
    const e = await refusal(recordMinutes(db, p.chair, m, 'SYNTHETIC'));
    expect(e.message).toBe('only members of Leavers board can minute its meetings');
    const twice = await refusal(memberLeaves(db, p.manager, seat.id, '2025-01-01'));
    expect(twice.message).toBe('they already left on 2024-12-31');
    expect((await lastAudit(1))[0]?.action).toBe('meeting.create');
  });

  it('keeps minutes and decisions append-only in the database too', async () => {
    await expect(sql`UPDATE meeting_minutes SET body = 'changed'`.execute(db)).rejects.toThrow(
      /meeting_minutes keeps its history/,
    );
    await expect(db.deleteFrom('decision').execute()).rejects.toThrow(/decision keeps its history/);
  });
});

describe('action status', () => {
  it('needs a reason and the owner or a manager; never a viewer; each change audited', async () => {
    const action = await db.selectFrom('meeting_action').select('id').executeTakeFirstOrThrow();
    const before = await governanceCounts(db);
    const noReason = await refusal(
      setActionStatus(db, p.member, action.id, { status: 'complete', reason: '  ', meetingId: null }, '2025-02-01'),
    );
    expect(noReason.message).toBe('Enter the reason for the change of status');
    const bad = await refusal(
      setActionStatus(db, p.member, action.id, { status: 'done', reason: 'x', meetingId: null }, '2025-02-01'),
    );
    expect(bad.message).toBe('Choose a status: open, complete, dropped');
    const notOwner = await refusal(
      setActionStatus(db, p.chair, action.id, { status: 'complete', reason: 'done', meetingId: null }, '2025-02-01'),
    );
    expect(notOwner.message).toBe("only the action's owner or a partnership manager can change its status");
    const viewer = await refusal(
      setActionStatus(db, p.viewer, action.id, { status: 'dropped', reason: 'x', meetingId: null }, '2025-02-01'),
    );
    expect(viewer.message).toBe('your role (viewer) reads actions but does not change them');
    expect(await governanceCounts(db)).toEqual(before);
    await setActionStatus(
      db,
      p.member,
      action.id,
      { status: 'complete', reason: 'Reported in February', meetingId: null },
      '2025-02-01',
    );
    await setActionStatus(
      db,
      p.manager,
      action.id,
      { status: 'open', reason: 'Reopened: report incomplete', meetingId: meetingId },
      '2025-02-01',
    );
    expect((await lastAudit(2)).map((a) => a.action)).toEqual(['meeting.action.status', 'meeting.action.status']);
    const history = await db
      .selectFrom('meeting_action_status')
      .select(['status', 'reason'])
      .where('action_id', '=', action.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { status: 'open', reason: 'Raised at the meeting of 2025-01-14' },
      { status: 'complete', reason: 'Reported in February' },
      { status: 'open', reason: 'Reopened: report incomplete' },
    ]);
  });
});

describe('rescheduling', () => {
  it('raises the .ics sequence when time, place or cancellation changes, not when only marked held', async () => {
    const times = { startsAt: londonToInstant('2025-01-14', '18:00'), endsAt: londonToInstant('2025-01-14', '20:00') };
    await rescheduleMeeting(db, p.manager, meetingId, { ...times, location: 'Town Hall', status: 'held' });
    await rescheduleMeeting(db, p.manager, meetingId, { ...times, location: 'Online', status: 'held' });
    await rescheduleMeeting(db, p.manager, meetingId, { ...times, location: 'Online', status: 'cancelled' });
    const m = await db
      .selectFrom('meeting')
      .select(['ics_sequence', 'status', 'starts_at'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(m.ics_sequence).toBe(2);
    expect(m.status).toBe('cancelled');
    // 18:00 in January is 18:00 UTC; in July it would be 17:00 UTC.
    expect(new Date(m.starts_at).toISOString()).toBe('2025-01-14T18:00:00.000Z');
    expect(londonToInstant('2025-07-01', '18:00').toISOString()).toBe('2025-07-01T17:00:00.000Z');
    expect((await lastAudit(3)).map((a) => a.action)).toEqual([
      'meeting.reschedule',
      'meeting.reschedule',
      'meeting.reschedule',
    ]);
    const e = await refusal(rescheduleMeeting(db, p.chair, meetingId, { ...times, location: 'x', status: 'planned' }));
    expect(e.message).toBe('only a partnership manager can arrange boards and meetings');
  });

  it('adding a member checks the date and the agency', async () => {
    const e = await refusal(
      addMember(db, p.manager, boardId, {
        userId: p.outsider.id,
        agencyCode: 'fire',
        role: 'member',
        voting: true,
        joinedOn: '14/01/2025',
      }),
    );
    expect(e.message).toBe('Enter the date they joined as YYYY-MM-DD');
    const agency = await refusal(
      addMember(db, p.manager, boardId, {
        userId: p.outsider.id,
        agencyCode: 'nowhere',
        role: 'member',
        voting: true,
        joinedOn: '2025-01-14',
      }),
    );
    expect(agency.message).toBe('there is no agency "nowhere"');
  });
});
