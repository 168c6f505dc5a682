import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { Attendance, MeetingStatus } from '../db/tables/governance.ts';
import { invalid, missing, refuse } from './governanceError.ts';
import { recordGovernanceAudit } from './governanceAudit.ts';
import { canManageBoards } from './governancePolicy.ts';
import { meetingToMinute, meetingWithBoard } from './meetingAccess.ts';

/*
 * Meetings: a partnership manager arranges and reschedules them; the board's chair, vice-chair or secretariat
 * records attendance, minutes and decisions. One transaction each, with its audit entry; minutes and decisions
 * are append-only (a new version of the minutes, a later decision superseding an earlier one).
 */

export interface MeetingTimes {
  startsAt: Date;
  endsAt: Date;
  location: string;
}

const ATTENDANCE: readonly Attendance[] = ['present', 'apologies', 'absent', 'substitute'];
const STATUSES: readonly MeetingStatus[] = ['planned', 'held', 'cancelled'];

function checkTimes(t: MeetingTimes): MeetingTimes {
  if (Number.isNaN(t.startsAt.getTime())) throw invalid('Enter the date and start time', 'date');
  if (Number.isNaN(t.endsAt.getTime()) || t.endsAt <= t.startsAt)
    throw invalid('The meeting must end after it starts', 'endTime');
  return { ...t, location: t.location.trim() };
}

const mustManage = (actor: Actor) => {
  if (!canManageBoards(actor)) throw refuse('only a partnership manager can arrange boards and meetings');
};

export async function createMeeting(db: Kysely<DB>, actor: Actor, boardId: number, input: MeetingTimes) {
  mustManage(actor);
  const t = checkTimes(input);
  return db.transaction().execute(async (trx) => {
    const board = await trx.selectFrom('board').select('id').where('id', '=', boardId).executeTakeFirst();
    if (!board) throw missing(`there is no board ${boardId}`);
    const { id } = await trx
      .insertInto('meeting')
      .values({
        board_id: boardId,
        starts_at: t.startsAt,
        ends_at: t.endsAt,
        location: t.location,
        created_by: actor.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordGovernanceAudit(trx, actor, 'meeting.create', { type: 'meeting', id }, { boardId, ...t });
    return id;
  });
}

/**
 * A change of time, place or status. A calendar replaces an invitation only when its SEQUENCE rises, so any
 * change an invitee would see raises it; marking a meeting held does not (nothing in the invitation changes).
 */
export async function rescheduleMeeting(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: number,
  input: MeetingTimes & { status: MeetingStatus },
): Promise<void> {
  mustManage(actor);
  const t = checkTimes(input);
  if (!STATUSES.includes(input.status)) throw invalid('Choose planned, held or cancelled', 'status');
  await db.transaction().execute(async (trx) => {
    const before = await meetingWithBoard(trx, meetingId);
    const moved =
      before.startsAt.getTime() !== t.startsAt.getTime() ||
      before.endsAt.getTime() !== t.endsAt.getTime() ||
      before.location !== t.location ||
      (before.status === 'cancelled') !== (input.status === 'cancelled');
    const sequence = before.icsSequence + (moved ? 1 : 0);
    await trx
      .updateTable('meeting')
      .set({
        starts_at: t.startsAt,
        ends_at: t.endsAt,
        location: t.location,
        status: input.status,
        ics_sequence: sequence,
      })
      .where('id', '=', meetingId)
      .execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'meeting.reschedule',
      { type: 'meeting', id: meetingId },
      {
        before: { startsAt: before.startsAt, endsAt: before.endsAt, location: before.location, status: before.status },
        after: { ...t, status: input.status },
        icsSequence: sequence,
      },
    );
  });
}

export interface AttendanceEntry {
  userId: number;
  agencyCode: string;
  attendance: Attendance;
}

/** Replaces the meeting's attendance record with this one (the record is a register, not a history). */
export async function recordAttendance(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: number,
  entries: readonly AttendanceEntry[],
): Promise<void> {
  for (const e of entries)
    if (!ATTENDANCE.includes(e.attendance))
      throw invalid(`"${e.attendance}" is not a kind of attendance`, 'attendance');
  const users = new Set(entries.map((e) => e.userId));
  if (users.size !== entries.length) throw invalid('each person is recorded once', 'attendance');
  await db.transaction().execute(async (trx) => {
    await meetingToMinute(trx, actor, meetingId);
    await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
    if (entries.length > 0)
      await trx
        .insertInto('meeting_attendance')
        .values(
          entries.map((e) => ({
            meeting_id: meetingId,
            user_id: e.userId,
            agency_code: e.agencyCode,
            attendance: e.attendance,
            recorded_by: actor.email,
          })),
        )
        .execute();
    await recordGovernanceAudit(trx, actor, 'meeting.attendance', { type: 'meeting', id: meetingId }, { entries });
  });
}

/** Adds the next version of the meeting's minutes; returns its version number. */
export async function recordMinutes(db: Kysely<DB>, actor: Actor, meetingId: number, body: string): Promise<number> {
  const text = body.trim();
  if (text === '') throw invalid('Enter the minutes', 'body');
  return db.transaction().execute(async (trx) => {
    await meetingToMinute(trx, actor, meetingId);
    const last = await trx
      .selectFrom('meeting_minutes')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('meeting_minutes')
      .values({ meeting_id: meetingId, version, body: text, written_by: actor.email })
      .execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'meeting.minutes',
      { type: 'meeting', id: meetingId },
      { version, length: text.length },
    );
    return version;
  });
}

export interface DecisionInput {
  /** As the board numbers it; blank takes the next whole number at this meeting. */
  number: string;
  text: string;
  supersedesDecisionId: number | null;
}

export async function recordDecision(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: number,
  input: DecisionInput,
): Promise<number> {
  const text = input.text.trim();
  if (text === '') throw invalid('Enter what the board decided', 'text');
  return db.transaction().execute(async (trx) => {
    const meeting = await meetingToMinute(trx, actor, meetingId);
    const taken = await trx.selectFrom('decision').select('number').where('meeting_id', '=', meetingId).execute();
    const number =
      input.number.trim() || String(taken.reduce((n, d) => Math.max(n, Number.parseInt(d.number, 10) || 0), 0) + 1);
    if (taken.some((d) => d.number === number))
      throw invalid(`Decision ${number} is already recorded at this meeting`, 'number');
    if (input.supersedesDecisionId !== null) {
      // Only an earlier decision of the same board: a decision cannot supersede another board's, or a later one.
      const earlier = await trx
        .selectFrom('decision')
        .innerJoin('meeting', 'meeting.id', 'decision.meeting_id')
        .select('decision.id')
        .where('decision.id', '=', input.supersedesDecisionId)
        .where('meeting.board_id', '=', meeting.boardId)
        .where('meeting.starts_at', '<=', meeting.startsAt)
        .executeTakeFirst();
      if (!earlier)
        throw invalid(`decision ${input.supersedesDecisionId} is not an earlier decision of this board`, 'supersedes');
    }
    const { id } = await trx
      .insertInto('decision')
      .values({
        meeting_id: meetingId,
        number,
        text,
        supersedes_decision_id: input.supersedesDecisionId,
        recorded_by: actor.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordGovernanceAudit(
      trx,
      actor,
      'decision.record',
      { type: 'decision', id },
      { meetingId, number, supersedes: input.supersedesDecisionId },
    );
    return id;
  });
}
