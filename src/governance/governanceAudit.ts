import type { Kysely } from 'kysely';
import { type AuditAction, type AuditActor, recordAudit } from '../audit/recordAudit.ts';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';

/** Governance's audit actions (each change its own transaction with one of these). */
export type GovernanceAuditAction = Extract<
  AuditAction,
  | 'board.create'
  | 'board.update'
  | 'board.member.add'
  | 'board.member.leave'
  | 'meeting.create'
  | 'meeting.reschedule'
  | 'meeting.agenda.build'
  | 'meeting.agenda.paper'
  | 'meeting.attendance'
  | 'meeting.minutes'
  | 'decision.record'
  | 'meeting.action.add'
  | 'meeting.action.status'
>;

export const auditActorOf = (actor: Actor): AuditActor => ({
  userId: actor.id,
  email: actor.email,
  agency: actor.agency,
});

/** Records a governance change in the change's own transaction. */
export function recordGovernanceAudit(
  trx: Kysely<DB>,
  actor: Actor,
  action: GovernanceAuditAction,
  subject: { type: string; id: number },
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(trx, {
    action,
    actor: auditActorOf(actor),
    subjectType: subject.type,
    subjectId: subject.id,
    details,
  });
}
