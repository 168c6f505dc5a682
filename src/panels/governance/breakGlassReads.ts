import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { panelRole } from '../access/caseAccess.ts';

/* The chair's report of break-glass reads on a panel's cases: for its chairs and coordinators only. */

export interface BreakGlassRead {
  caseReference: string;
  who: string;
  agency: string;
  grantedAt: Date;
  expiresAt: Date;
  reason: string;
  chairNotifiedAt: Date | null;
}

/** Whether the actor may see the panel's break-glass report (a chair or coordinator of it today). */
export async function mayReviewBreakGlass(db: Kysely<DB>, actor: Actor, panelId: string, now: Date): Promise<boolean> {
  const role = await panelRole(db, actor, panelId, now);
  return role === 'chair' || role === 'coordinator';
}

/** Every break-glass grant on the panel's cases, newest first. */
export async function breakGlassReads(db: Kysely<DB>, panelId: string): Promise<BreakGlassRead[]> {
  const rows = await db
    .selectFrom('case_read_grant as g')
    .innerJoin('panel_case as c', 'c.id', 'g.case_id')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select([
      'c.reference',
      'u.email',
      'u.agency_code',
      'g.granted_at',
      'g.expires_at',
      'g.reason',
      'g.chair_notified_at',
    ])
    .where('c.panel_id', '=', panelId)
    .orderBy('g.granted_at', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
  return rows.map((r) => ({
    caseReference: r.reference,
    who: r.email,
    agency: r.agency_code,
    grantedAt: new Date(r.granted_at),
    expiresAt: new Date(r.expires_at),
    reason: r.reason,
    chairNotifiedAt: r.chair_notified_at === null ? null : new Date(r.chair_notified_at),
  }));
}
