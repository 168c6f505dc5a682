import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { MeetingActionStatus } from '../db/tables/governance.ts';
import { invalid, missing, refuse } from './governanceError.ts';
import { recordGovernanceAudit } from './governanceAudit.ts';
import { actionStatusRefusal, canReadBoardContent, seatOn } from './governancePolicy.ts';
import { meetingToMinute } from './meetingAccess.ts';
import { isIsoDate } from './londonTime.ts';

/*
 * Actions arising from a meeting: raised by whoever minutes it, owned by a person for an agency, due by a date,
 * perhaps following from a decision. Their status is an append-only history (open, complete, dropped), each entry
 * with its reason; an action stays on every later meeting of its board until it is closed.
 */

export const ACTION_STATUSES: readonly MeetingActionStatus[] = ['open', 'complete', 'dropped'];

export interface ActionInput {
  text: string;
  ownerUserId: number;
  /** The agency the owner acts for; null takes the owner's own. */
  ownerAgency: string | null;
  dueOn: string | null;
  decisionId: number | null;
}

export async function addAction(db: Kysely<DB>, actor: Actor, meetingId: number, input: ActionInput): Promise<number> {
  const text = input.text.trim();
  if (text === '') throw invalid('Enter the action', 'text');
  if (input.dueOn !== null && !isIsoDate(input.dueOn)) throw invalid('Enter the due date as YYYY-MM-DD', 'dueOn');
  return db.transaction().execute(async (trx) => {
    const meeting = await meetingToMinute(trx, actor, meetingId);
    const owner = await trx
      .selectFrom('app_user')
      .select(['id', 'agency_code'])
      .where('id', '=', input.ownerUserId)
      .executeTakeFirst();
    if (!owner) throw invalid(`there is no user ${input.ownerUserId} to own the action`, 'owner');
    const agency = input.ownerAgency ?? owner.agency_code;
    const known = await trx.selectFrom('agency').select('code').where('code', '=', agency).executeTakeFirst();
    if (!known) throw invalid(`there is no agency "${agency}"`, 'agency');
    if (input.decisionId !== null) {
      const decision = await trx
        .selectFrom('decision')
        .select('id')
        .where('id', '=', input.decisionId)
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (!decision) throw invalid(`decision ${input.decisionId} was not taken at this meeting`, 'decision');
    }
    const { id } = await trx
      .insertInto('meeting_action')
      .values({
        meeting_id: meetingId,
        decision_id: input.decisionId,
        text,
        owner_user_id: owner.id,
        owner_agency: agency,
        due_on: input.dueOn,
        created_by: actor.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('meeting_action_status')
      .values({
        action_id: id,
        status: 'open',
        reason: `Raised at the meeting of ${meeting.date}`,
        meeting_id: meetingId,
        changed_by: actor.email,
      })
      .execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'meeting.action.add',
      { type: 'meeting_action', id },
      { meetingId, ownerUserId: owner.id, ownerAgency: agency, dueOn: input.dueOn, decisionId: input.decisionId },
    );
    return id;
  });
}

export interface StatusChange {
  status: string;
  reason: string;
  /** The meeting at which it was reviewed, when it was (a meeting of the action's board). */
  meetingId: number | null;
}

/** A new status for the action, with its reason; `today` decides whose seat is current. */
export async function setActionStatus(
  db: Kysely<DB>,
  actor: Actor,
  actionId: number,
  change: StatusChange,
  today: string,
): Promise<void> {
  const reason = change.reason.trim();
  if (!(ACTION_STATUSES as readonly string[]).includes(change.status))
    throw invalid(`Choose a status: ${ACTION_STATUSES.join(', ')}`, 'status');
  // A board reads the reason beside "complete" or "dropped": without one the change says nothing.
  if (reason === '') throw invalid('Enter the reason for the change of status', 'reason');
  await db.transaction().execute(async (trx) => {
    const action = await trx
      .selectFrom('meeting_action')
      .innerJoin('meeting', 'meeting.id', 'meeting_action.meeting_id')
      .innerJoin('board', 'board.id', 'meeting.board_id')
      .select(['meeting_action.id', 'meeting_action.owner_user_id', 'meeting.board_id', 'board.restricted'])
      .where('meeting_action.id', '=', actionId)
      .executeTakeFirst();
    if (!action) throw missing(`there is no action ${actionId}`);
    const reads = canReadBoardContent(actor, action.restricted, await seatOn(trx, action.board_id, actor.id, today));
    const refusal = actionStatusRefusal(actor, action.owner_user_id, reads);
    if (refusal !== null) throw refuse(refusal);
    if (change.meetingId !== null) {
      const m = await trx
        .selectFrom('meeting')
        .select('id')
        .where('id', '=', change.meetingId)
        .where('board_id', '=', action.board_id)
        .executeTakeFirst();
      if (!m) throw invalid(`meeting ${change.meetingId} is not a meeting of the action's board`, 'meeting');
    }
    await trx
      .insertInto('meeting_action_status')
      .values({
        action_id: actionId,
        status: change.status as MeetingActionStatus,
        reason,
        meeting_id: change.meetingId,
        changed_by: actor.email,
      })
      .execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'meeting.action.status',
      { type: 'meeting_action', id: actionId },
      { status: change.status, reason, meetingId: change.meetingId },
    );
  });
}
