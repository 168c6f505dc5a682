import type { MeetingActionStatus } from '../db/tables/governance.ts';

/*
 * Which actions a meeting lists. An action raised at an earlier meeting of the board is carried to a later one
 * while it was open when that meeting began: its status in effect just before the meeting's start. A status given
 * at a meeting takes effect at that meeting's start (so an action closed at a meeting is still listed there, as
 * closed, and not at the next); one given between meetings takes effect when it was recorded.
 */

export interface StatusEntry {
  status: MeetingActionStatus;
  /** The start of the meeting it was given at, else when it was recorded. */
  effectiveAt: Date;
}

/** The status in effect just before `at`, or null when none was (entries in the order they were recorded). */
export function statusBefore(entries: readonly StatusEntry[], at: Date): MeetingActionStatus | null {
  let found: MeetingActionStatus | null = null;
  for (const e of entries) if (e.effectiveAt.getTime() < at.getTime()) found = e.status;
  return found;
}

/** Whether an action raised at an earlier meeting is carried to the meeting starting at `meetingStart`. */
export const isCarriedTo = (entries: readonly StatusEntry[], meetingStart: Date): boolean =>
  statusBefore(entries, meetingStart) === 'open';
