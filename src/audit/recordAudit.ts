import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { auditHash, canonicalJson, GENESIS_HASH, type AuditContent } from './auditEntry.ts';

/** Who did it. `null` user id for an unknown person (a failed sign-in) or the system. */
export interface AuditActor {
  userId: number | null;
  email: string;
  agency: string;
}

/** A typed audit event: what, who, which record, from where, and the before/after of changes. */
export interface AuditEvent {
  action: AuditAction;
  outcome?: 'success' | 'failure';
  actor: AuditActor;
  subjectType: string;
  subjectId: string | number;
  ip?: string;
  details?: Record<string, unknown>;
}

export type AuditAction =
  | 'sign-in'
  | 'sign-out'
  | 'session.expired'
  | 'account.locked'
  | 'second-factor.enabled'
  | 'import'
  | 'import.undo'
  | 'export'
  | 'read.classified'
  | 'read.aggregate'
  | 'user.create'
  | 'user.update'
  | 'token.create'
  | 'token.revoke'
  | 'token.refused'
  | 'audit.export'
  | 'report.create'
  | 'report.edit'
  | 'report.submit'
  | 'report.return'
  | 'report.comment'
  | 'report.approve'
  | 'report.publish'
  | 'oidc.provider.create'
  | 'oidc.provider.update'
  | 'indicator.edit'
  | 'return.open'
  | 'return.save'
  | 'return.submit'
  | 'return.accept'
  | 'return.send-back'
  | 'plan.import'
  | 'plan.item.status'
  | 'plan.item.update'
  | 'plan.item.assign'
  | 'plan.import.review'
  | 'plan.reminder.sent'
  | 'meeting.agenda.paper'
  | 'register.entry.create'
  | 'register.entry.edit'
  | 'register.entry.submit'
  | 'register.import'
  | 'register.read'
  | 'register.export'
  | 'register.reader.grant'
  | 'register.reader.revoke'
  | 'register.retention'
  | 'register.setting'
  | 'board.create'
  | 'board.update'
  | 'board.member.add'
  | 'board.member.leave'
  | 'meeting.create'
  | 'meeting.reschedule'
  | 'meeting.agenda.build'
  | 'meeting.attendance'
  | 'meeting.minutes'
  | 'decision.record'
  | 'meeting.action.add'
  | 'meeting.action.status'
  | 'lineage.link.add'
  | 'lineage.link.remove'
  // Screening and panels (issue 21): every read of a case or referral is one of these.
  | 'screening.complete'
  | 'referral.create'
  | 'referral.read'
  | 'referral.triage'
  | 'case.open'
  | 'case.read'
  | 'case.break-glass'
  | 'case.update'
  | 'case.preparation'
  | 'case.action.add'
  | 'case.action.status'
  | 'case.close'
  | 'case.search'
  | 'case.export'
  | 'panel.member.add'
  | 'panel.member.leave'
  | 'panel.meeting.create'
  | 'panel.agenda.build'
  | 'person.update'
  | 'subject-request.record'
  | 'subject-request.decide'
  | 'subject-request.export'
  | 'panels.retention'
  | 'panels.keys.rotate';

export const SYSTEM_ACTOR: AuditActor = { userId: null, email: 'system', agency: '' };

// One lock key for the whole log: appends are serialised so that each entry
// links to the one committed before it, whichever connection writes it.
const AUDIT_CHAIN_LOCK = 0x5afe_a0d1;

/**
 * Appends one entry. Call it with the transaction that makes the change, so
 * the change and its record commit or roll back together.
 */
export async function recordAudit(trx: Kysely<DB>, event: AuditEvent, now: Date = new Date()): Promise<void> {
  await recordAudits(trx, [{ event, now }]);
}

/**
 * Appends entries in the order given, each linked to the one before: one lock, one read of the last hash and one
 * insert whatever their number (audit/groupedAudit.ts writes a batch of reads this way). The rows of one INSERT take
 * their ids in the order of its VALUES list, so the chain verifyAudit walks by id is the order computed here.
 */
export async function recordAudits(trx: Kysely<DB>, entries: readonly { event: AuditEvent; now: Date }[]) {
  if (entries.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map(({ event, now }) => {
    const content: AuditContent = {
      at: now.toISOString(),
      actorUserId: event.actor.userId,
      actorEmail: event.actor.email,
      actorAgency: event.actor.agency,
      action: event.action,
      outcome: event.outcome ?? 'success',
      subjectType: event.subjectType,
      subjectId: String(event.subjectId),
      ip: event.ip ?? '',
      details: canonicalJson(event.details ?? {}),
    };
    const hash = auditHash(prevHash, content);
    const row = {
      at: content.at,
      actor_user_id: content.actorUserId,
      actor_email: content.actorEmail,
      actor_agency: content.actorAgency,
      action: content.action,
      outcome: content.outcome,
      subject_type: content.subjectType,
      subject_id: content.subjectId,
      ip: content.ip,
      details: content.details,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await trx.insertInto('audit_log').values(rows).execute();
}
