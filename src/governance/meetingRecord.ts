import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Attendance } from '../db/tables/governance.ts';

/** What a meeting recorded: attendance, minutes (every version, newest first) and decisions. */
export interface MeetingRecord {
  attendance: { userId: number; name: string; email: string; agencyCode: string; attendance: Attendance }[];
  minutes: { version: number; body: string; writtenBy: string; writtenAt: Date }[];
  decisions: { id: number; number: string; text: string; supersedesDecisionId: number | null; recordedBy: string }[];
}

export async function meetingRecord(db: Kysely<DB>, meetingId: number): Promise<MeetingRecord> {
  const attendance = await db
    .selectFrom('meeting_attendance')
    .innerJoin('app_user', 'app_user.id', 'meeting_attendance.user_id')
    .select([
      'meeting_attendance.user_id',
      'app_user.display_name',
      'app_user.email',
      'meeting_attendance.agency_code',
      'meeting_attendance.attendance',
    ])
    .where('meeting_attendance.meeting_id', '=', meetingId)
    .orderBy('app_user.email')
    .execute();
  const minutes = await db
    .selectFrom('meeting_minutes')
    .select(['version', 'body', 'written_by', 'written_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('version', 'desc')
    .execute();
  const decisions = await db
    .selectFrom('decision')
    .select(['id', 'number', 'text', 'supersedes_decision_id', 'recorded_by'])
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
  return {
    attendance: attendance.map((a) => ({
      userId: a.user_id,
      name: a.display_name || a.email,
      email: a.email,
      agencyCode: a.agency_code,
      attendance: a.attendance,
    })),
    minutes: minutes.map((m) => ({
      version: m.version,
      body: m.body,
      writtenBy: m.written_by,
      writtenAt: new Date(m.written_at),
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      number: d.number,
      text: d.text,
      supersedesDecisionId: d.supersedes_decision_id,
      recordedBy: d.recorded_by,
    })),
  };
}
