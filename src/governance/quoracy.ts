import type { Attendance } from '../db/tables/governance.ts';
import { agencyShortName, sortAgencies } from './agencyNames.ts';

/*
 * Quoracy, worked out from who came. A board's quorum counts agencies represented by a vote: a voting member who
 * is present represents their agency, and so does a substitute sent in their place. An agency counts once however
 * many of its people attend (two police officers, or a member and their substitute, are one police vote).
 */

export interface QuoracyMember {
  userId: number;
  agencyCode: string;
  voting: boolean;
}

export interface QuoracyAttendance {
  userId: number;
  agencyCode: string;
  attendance: Attendance;
}

export interface Quoracy {
  quorate: boolean;
  needed: number;
  /** Agencies represented by a vote, in the board's usual order. */
  agencies: string[];
  /** "4 of 5 needed: present police, council, health, probation". */
  says: string;
}

/** `members` are the board's members on the meeting date; `attendance` is the meeting's record. */
export function workOutQuoracy(
  quorum: number,
  members: readonly QuoracyMember[],
  attendance: readonly QuoracyAttendance[],
): Quoracy {
  const votingAgencies = new Set(members.filter((m) => m.voting).map((m) => m.agencyCode));
  const voters = new Map(members.filter((m) => m.voting).map((m) => [m.userId, m.agencyCode]));
  const represented = new Set<string>();
  for (const a of attendance) {
    // A member counts for the agency they sit for; a substitute for the agency they stand in for, if it votes.
    if (a.attendance === 'present' && voters.has(a.userId)) represented.add(voters.get(a.userId) as string);
    if (a.attendance === 'substitute' && votingAgencies.has(a.agencyCode)) represented.add(a.agencyCode);
  }
  const agencies = sortAgencies(represented);
  const present =
    agencies.length === 0 ? 'no voting member present' : `present ${agencies.map(agencyShortName).join(', ')}`;
  return {
    quorate: agencies.length >= quorum,
    needed: quorum,
    agencies,
    says: `${agencies.length} of ${quorum} needed: ${present}`,
  };
}
