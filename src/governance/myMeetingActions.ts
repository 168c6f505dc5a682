import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { londonDate } from './londonTime.ts';

/** An action arising from a meeting, as a person's "my actions" page lists it. */
export interface MyMeetingAction {
  id: number;
  text: string;
  boardName: string;
  meetingId: number;
  meetingDate: string;
  dueOn: string | null;
  status: 'open' | 'complete' | 'dropped';
  overdue: boolean;
}

/**
 * The open actions arising from meetings that a person owns, soonest due first (those with no due date last);
 * `overdue` when due before `today` ('YYYY-MM-DD').
 */
export async function meetingActionsFor(db: Kysely<DB>, userId: number, today: string): Promise<MyMeetingAction[]> {
  const rows = await db
    .selectFrom('meeting_action')
    .innerJoin('meeting', 'meeting.id', 'meeting_action.meeting_id')
    .innerJoin('board', 'board.id', 'meeting.board_id')
    .select((eb) => [
      'meeting_action.id',
      'meeting_action.text',
      'meeting_action.due_on',
      'meeting.id as meeting_id',
      'meeting.starts_at',
      'board.name',
      eb
        .selectFrom('meeting_action_status')
        .select('meeting_action_status.status')
        .whereRef('meeting_action_status.action_id', '=', 'meeting_action.id')
        .orderBy('meeting_action_status.id', 'desc')
        .limit(1)
        .as('status'),
    ])
    .where('meeting_action.owner_user_id', '=', userId)
    .orderBy('meeting_action.due_on')
    .orderBy('meeting_action.id')
    .execute();
  return rows
    .filter((r) => (r.status ?? 'open') === 'open')
    .map((r) => {
      const dueOn = r.due_on === null ? null : String(r.due_on).slice(0, 10);
      return {
        id: r.id,
        text: r.text,
        boardName: r.name,
        meetingId: r.meeting_id,
        meetingDate: londonDate(new Date(r.starts_at)),
        dueOn,
        status: 'open' as const,
        overdue: dueOn !== null && dueOn < today,
      };
    })
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id - b.id);
}
