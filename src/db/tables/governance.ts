import type { ColumnType, Generated } from 'kysely';

/* Governance's tables (migration 0022): boards, members, standing items, meetings and what comes of them. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;
/** date columns: 'YYYY-MM-DD' both ways (the connections' type parsers keep dates as text). */
type DateColumn = ColumnType<string, string, string>;
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string | undefined, string>;

export type BoardKind = 'board' | 'subgroup';
export type MemberRole = 'chair' | 'vice-chair' | 'member' | 'adviser' | 'secretariat';
export type StandingItemSource =
  | 'fixed'
  | 'performance-exceptions'
  | 'plan-items-at-risk'
  | 'actions-arising'
  | 'register-summary';
export type MeetingStatus = 'planned' | 'held' | 'cancelled';
export type Attendance = 'present' | 'apologies' | 'absent' | 'substitute';
export type MeetingActionStatus = 'open' | 'complete' | 'dropped';

export interface BoardTable {
  id: Generated<number>;
  name: string;
  kind: BoardKind;
  parent_board_id: number | null;
  terms_of_reference: ColumnType<string, string | undefined, string>;
  chair_user_id: number | null;
  quorum: number;
  restricted: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: SetOnce<string>;
  created_at: WrittenAt;
}

export interface BoardMemberTable {
  id: Generated<number>;
  board_id: SetOnce<number>;
  user_id: SetOnce<number>;
  agency_code: string;
  member_role: MemberRole;
  voting: ColumnType<boolean, boolean | undefined, boolean>;
  joined_on: DateColumn;
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BoardStandingItemTable {
  id: Generated<number>;
  board_id: SetOnce<number>;
  position: number;
  title: string;
  source: StandingItemSource;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MeetingTable {
  id: Generated<number>;
  board_id: SetOnce<number>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  location: ColumnType<string, string | undefined, string>;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  /** Raised each time the meeting's time or place changes, so calendars replace the earlier invitation. */
  ics_sequence: ColumnType<number, number | undefined, number>;
  created_by: SetOnce<string>;
  created_at: WrittenAt;
}

export interface MeetingAgendaItemTable {
  id: Generated<number>;
  meeting_id: SetOnce<number>;
  position: number;
  title: string;
  source: string;
  standing_item_id: number | null;
  content: Json;
  paper_url: string | null;
}

export interface MeetingAttendanceTable {
  meeting_id: SetOnce<number>;
  user_id: SetOnce<number>;
  agency_code: string;
  attendance: Attendance;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MeetingMinutesTable {
  id: Generated<number>;
  meeting_id: SetOnce<number>;
  version: SetOnce<number>;
  body: SetOnce<string>;
  written_by: SetOnce<string>;
  written_at: WrittenAt;
}

export interface DecisionTable {
  id: Generated<number>;
  meeting_id: SetOnce<number>;
  number: SetOnce<string>;
  text: SetOnce<string>;
  supersedes_decision_id: SetOnce<number | null>;
  recorded_by: SetOnce<string>;
  recorded_at: WrittenAt;
}

export interface MeetingActionTable {
  id: Generated<number>;
  meeting_id: SetOnce<number>;
  decision_id: number | null;
  text: string;
  owner_user_id: number | null;
  owner_agency: string | null;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: SetOnce<string>;
  created_at: WrittenAt;
}

export interface MeetingActionStatusTable {
  id: Generated<number>;
  action_id: SetOnce<number>;
  status: SetOnce<MeetingActionStatus>;
  reason: SetOnce<string>;
  meeting_id: SetOnce<number | null>;
  changed_by: SetOnce<string>;
  changed_at: WrittenAt;
}

export interface GovernanceTables {
  board: BoardTable;
  board_member: BoardMemberTable;
  board_standing_item: BoardStandingItemTable;
  meeting: MeetingTable;
  meeting_agenda_item: MeetingAgendaItemTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_minutes: MeetingMinutesTable;
  decision: DecisionTable;
  meeting_action: MeetingActionTable;
  meeting_action_status: MeetingActionStatusTable;
}
