import type { Kysely } from 'kysely';
import { recordAudit, type AuditAction } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelRole } from '../../db/tables/panels.ts';
import { caseAccess } from '../access/caseAccess.ts';
import { CaseChangeRefusedError, CaseRefusedError, CaseWorkError, dayOf } from '../panel/panelErrors.ts';

/*
 * Who may change a case: only the current members of its panel, and for the outcome and closure only its chair or
 * coordinator. Someone who cannot read the case at all is told "not found"; a referrer or allocated worker, who
 * may read it, is told they cannot change it.
 */

export interface CaseChanger {
  caseId: number;
  panelId: string;
  role: PanelRole;
  /** The agency the actor sits on the panel for. */
  agency: string;
  status: 'open' | 'closed';
}

export async function caseChanger(
  db: Kysely<DB>,
  actor: Actor,
  caseId: number,
  now: Date,
  need: 'member' | 'lead' = 'member',
): Promise<CaseChanger> {
  const access = await caseAccess(db, actor, caseId, now);
  if (!access) throw new CaseRefusedError();
  if (!access.panelRole) throw new CaseChangeRefusedError('Only members of the panel may change this case');
  if (need === 'lead' && access.panelRole === 'member')
    throw new CaseChangeRefusedError("Only the panel's chair or coordinator may record the outcome or close a case");
  const day = dayOf(now);
  const [membership, c] = await Promise.all([
    db
      .selectFrom('panel_member')
      .select('agency')
      .where('panel_id', '=', access.panelId)
      .where('user_id', '=', actor.id)
      .where('joined_on', '<=', day)
      .where((w) => w.or([w('left_on', 'is', null), w('left_on', '>', day)]))
      .executeTakeFirstOrThrow(),
    db.selectFrom('panel_case').select('status').where('id', '=', caseId).executeTakeFirstOrThrow(),
  ]);
  return { caseId, panelId: access.panelId, role: access.panelRole, agency: membership.agency, status: c.status };
}

/** The same, refusing a closed case: nothing more is recorded on it. */
export async function openCaseChanger(
  db: Kysely<DB>,
  actor: Actor,
  caseId: number,
  now: Date,
  need: 'member' | 'lead' = 'member',
): Promise<CaseChanger> {
  const changer = await caseChanger(db, actor, caseId, now, need);
  if (changer.status !== 'open') throw new CaseWorkError('case', 'the case is closed');
  return changer;
}

export async function auditCase(
  trx: Kysely<DB>,
  actor: Actor,
  action: AuditAction,
  caseId: number,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await recordAudit(
    trx,
    {
      action,
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'panel_case',
      subjectId: caseId,
      details,
    },
    now,
  );
}

/** The first problem zod found, as the field it names. */
export function fieldError(issues: { path: PropertyKey[]; message: string }[], fallback: string): CaseWorkError {
  const issue = issues[0];
  return new CaseWorkError(String(issue?.path[0] ?? fallback), issue?.message ?? 'not valid');
}
