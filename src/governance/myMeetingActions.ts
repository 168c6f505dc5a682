import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

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

/** The open actions arising from meetings that a person owns (filled in by governance; the page reads it). */
export async function meetingActionsFor(_db: Kysely<DB>, _userId: number, _today: string): Promise<MyMeetingAction[]> {
  return [];
}
