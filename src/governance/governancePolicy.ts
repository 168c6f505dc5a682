import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { MemberRole } from '../db/tables/governance.ts';

/*
 * Who may do what with boards and meetings (issue 19), as rules in one place like performancePolicy.ts.
 * - Partnership managers arrange things: boards, members, standing items, meetings.
 * - A board minutes its own meetings: its chair, vice-chair or secretariat on the meeting's date record attendance,
 *   minutes, decisions and actions arising. A manager who does not sit on the board may not.
 * - A restricted board's content (agenda, attendance, minutes, decisions, actions) is read by its current members
 *   only; its name and meeting dates are seen by everyone signed in. Administrators run the service and see none.
 * - Viewers read; they never change anything, whatever seat they hold.
 * - An action's owner, or a partnership manager, may change its status (always with a reason).
 */

export const MINUTING_ROLES: readonly MemberRole[] = ['chair', 'vice-chair', 'secretariat'];

/** A person's seat on a board on some date, or null when they had none. */
export interface Seat {
  role: MemberRole;
  agencyCode: string;
  voting: boolean;
}

export const canSeeGovernance = (actor: Actor): boolean => actor.role !== 'administrator';
export const canManageBoards = (actor: Actor): boolean => actor.role === 'partnership_manager';

/** Why this person may not minute the board's meeting, or null when they may. */
export function minutingRefusal(actor: Actor, boardName: string, seat: Seat | null): string | null {
  if (actor.role === 'viewer' || actor.role === 'administrator')
    return `your role (${actor.role}) reads meetings but does not change them`;
  if (seat === null) return `only members of ${boardName} can minute its meetings`;
  if (!MINUTING_ROLES.includes(seat.role))
    return `only the chair, vice-chair or secretariat of ${boardName} can minute its meetings`;
  return null;
}

/** Whether this person reads the board's content (restricted boards: current members only). */
export const canReadBoardContent = (actor: Actor, restricted: boolean, currentSeat: Seat | null): boolean =>
  canSeeGovernance(actor) && (!restricted || currentSeat !== null);

/** Why this person may not change an action's status, or null when they may. */
export function actionStatusRefusal(actor: Actor, ownerUserId: number | null, readsBoard: boolean): string | null {
  if (actor.role === 'viewer' || actor.role === 'administrator')
    return `your role (${actor.role}) reads actions but does not change them`;
  if (ownerUserId === actor.id) return null;
  if (canManageBoards(actor) && readsBoard) return null;
  return "only the action's owner or a partnership manager can change its status";
}

/** The person's seat on the board on `date` ('YYYY-MM-DD'): joined on or before it and not left before it. */
export async function seatOn(db: Kysely<DB>, boardId: number, userId: number, date: string): Promise<Seat | null> {
  const rows = await db
    .selectFrom('board_member')
    .select(['member_role', 'agency_code', 'voting'])
    .where('board_id', '=', boardId)
    .where('user_id', '=', userId)
    .where('joined_on', '<=', date)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', date)]))
    .orderBy('id', 'desc')
    .execute();
  // Someone holding two seats at once (member, then chair) is treated by the stronger one.
  const best = rows.find((r) => MINUTING_ROLES.includes(r.member_role)) ?? rows[0];
  return best ? { role: best.member_role, agencyCode: best.agency_code, voting: best.voting } : null;
}
