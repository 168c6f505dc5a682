import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { MeetingActionStatus } from '../db/tables/governance.ts';
import { isCarriedTo, type StatusEntry } from './carryForward.ts';
import { londonDate } from './londonTime.ts';

/** An action as a meeting lists it: raised there, or carried forward from an earlier meeting of the board. */
export interface MeetingActionView {
  id: number;
  text: string;
  ownerUserId: number | null;
  ownerName: string;
  ownerAgency: string | null;
  dueOn: string | null;
  decisionNumber: string | null;
  raisedAtMeetingId: number;
  raisedOn: string;
  /** The date of the meeting it was raised at, when that was an earlier one. */
  carriedForwardFrom: string | null;
  status: MeetingActionStatus;
  reason: string;
  history: { status: MeetingActionStatus; reason: string; changedBy: string; changedAt: Date }[];
}

/** The actions a meeting lists: its own, then those carried forward, oldest first. */
export async function actionsForMeeting(
  db: Kysely<DB>,
  meeting: { id: number; boardId: number; startsAt: Date },
): Promise<MeetingActionView[]> {
  const actions = await db
    .selectFrom('meeting_action')
    .innerJoin('meeting', 'meeting.id', 'meeting_action.meeting_id')
    .leftJoin('app_user', 'app_user.id', 'meeting_action.owner_user_id')
    .leftJoin('decision', 'decision.id', 'meeting_action.decision_id')
    .select([
      'meeting_action.id',
      'meeting_action.text',
      'meeting_action.owner_user_id',
      'meeting_action.owner_agency',
      'meeting_action.due_on',
      'meeting_action.meeting_id',
      'meeting.starts_at',
      'app_user.display_name',
      'app_user.email',
      'decision.number as decision_number',
    ])
    .where('meeting.board_id', '=', meeting.boardId)
    .where('meeting.starts_at', '<=', meeting.startsAt)
    .orderBy('meeting.starts_at')
    .orderBy('meeting_action.id')
    .execute();
  if (actions.length === 0) return [];
  const statuses = await db
    .selectFrom('meeting_action_status')
    .leftJoin('meeting', 'meeting.id', 'meeting_action_status.meeting_id')
    .select([
      'meeting_action_status.action_id',
      'meeting_action_status.status',
      'meeting_action_status.reason',
      'meeting_action_status.changed_by',
      'meeting_action_status.changed_at',
      'meeting.starts_at',
    ])
    .where(
      'meeting_action_status.action_id',
      'in',
      actions.map((a) => a.id),
    )
    .orderBy('meeting_action_status.id')
    .execute();
  const out: MeetingActionView[] = [];
  for (const a of actions) {
    const rows = statuses.filter((s) => s.action_id === a.id);
    const entries: StatusEntry[] = rows.map((s) => ({
      status: s.status,
      effectiveAt: new Date(s.starts_at ?? s.changed_at),
    }));
    const own = a.meeting_id === meeting.id;
    if (!own && !isCarriedTo(entries, meeting.startsAt)) continue;
    const latest = rows.at(-1);
    out.push({
      id: a.id,
      text: a.text,
      ownerUserId: a.owner_user_id,
      ownerName: a.display_name || a.email || 'no owner',
      ownerAgency: a.owner_agency,
      dueOn: a.due_on === null ? null : String(a.due_on).slice(0, 10),
      decisionNumber: a.decision_number,
      raisedAtMeetingId: a.meeting_id,
      raisedOn: londonDate(new Date(a.starts_at)),
      carriedForwardFrom: own ? null : londonDate(new Date(a.starts_at)),
      status: latest?.status ?? 'open',
      reason: latest?.reason ?? '',
      history: rows.map((s) => ({
        status: s.status,
        reason: s.reason,
        changedBy: s.changed_by,
        changedAt: new Date(s.changed_at),
      })),
    });
  }
  // The meeting's own actions first, then what it carries forward, oldest first.
  return [...out.filter((a) => a.carriedForwardFrom === null), ...out.filter((a) => a.carriedForwardFrom !== null)];
}
