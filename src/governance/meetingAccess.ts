import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { missing, refuse } from './governanceError.ts';
import { minutingRefusal, seatOn } from './governancePolicy.ts';
import { londonDate } from './londonTime.ts';

/** A meeting with its board, as the stores need it. */
export interface MeetingWithBoard {
  id: number;
  boardId: number;
  boardName: string;
  restricted: boolean;
  quorum: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  status: 'planned' | 'held' | 'cancelled';
  icsSequence: number;
  /** The meeting's London date, 'YYYY-MM-DD': membership and overdue are judged by it. */
  date: string;
}

export async function meetingWithBoard(db: Kysely<DB>, meetingId: number): Promise<MeetingWithBoard> {
  const m = await db
    .selectFrom('meeting')
    .innerJoin('board', 'board.id', 'meeting.board_id')
    .select([
      'meeting.id',
      'meeting.board_id',
      'board.name',
      'board.restricted',
      'board.quorum',
      'meeting.starts_at',
      'meeting.ends_at',
      'meeting.location',
      'meeting.status',
      'meeting.ics_sequence',
    ])
    .where('meeting.id', '=', meetingId)
    .executeTakeFirst();
  if (!m) throw missing(`there is no meeting ${meetingId}`);
  const startsAt = new Date(m.starts_at);
  return {
    id: m.id,
    boardId: m.board_id,
    boardName: m.name,
    restricted: m.restricted,
    quorum: m.quorum,
    startsAt,
    endsAt: new Date(m.ends_at),
    location: m.location,
    status: m.status,
    icsSequence: m.ics_sequence,
    date: londonDate(startsAt),
  };
}

/** The meeting, when this person may minute it (its board's chair, vice-chair or secretariat on the day). */
export async function meetingToMinute(trx: Kysely<DB>, actor: Actor, meetingId: number): Promise<MeetingWithBoard> {
  const meeting = await meetingWithBoard(trx, meetingId);
  const refusal = minutingRefusal(actor, meeting.boardName, await seatOn(trx, meeting.boardId, actor.id, meeting.date));
  if (refusal !== null) throw refuse(refusal);
  return meeting;
}
