import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelRole } from '../../db/tables/panels.ts';
import { panelRole } from '../access/caseAccess.ts';
import { CaseRefusedError, CaseWorkError, dayOf } from './panelErrors.ts';

/*
 * Panel membership: who sits on a panel, for which agency, in which role. Membership is what need to know reads
 * (src/panels/access/caseAccess.ts), so it is never deleted: leaving records `left_on` and the row stays as the
 * history of who could read the panel's cases when. A member's agency is their own account's agency.
 * Administrators run accounts, not cases (decision 0017), so they are refused as members.
 */

export const NewMember = z.object({
  userId: z.coerce.number().int().positive({ message: 'choose a person' }),
  role: z.enum(['chair', 'coordinator', 'member'], { message: 'choose chair, coordinator or member' }),
});
export type NewMember = z.infer<typeof NewMember>;

/** A partnership manager, or the panel's current chair or coordinator. */
export async function canManagePanel(db: Kysely<DB>, actor: Actor, panelId: string, now: Date): Promise<boolean> {
  if (actor.role === 'partnership_manager') return true;
  const role = await panelRole(db, actor, panelId, now);
  return role === 'chair' || role === 'coordinator';
}

const auditActor = (a: Actor) => ({ userId: a.id, email: a.email, agency: a.agency });

export async function addMember(
  db: Kysely<DB>,
  actor: Actor,
  panelId: string,
  input: unknown,
  now: Date,
): Promise<{ memberId: number }> {
  const parsed = NewMember.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CaseWorkError(String(issue?.path[0] ?? 'userId'), issue?.message ?? 'not valid');
  }
  const { userId, role } = parsed.data;
  const panel = await db.selectFrom('panel').select('id').where('id', '=', panelId).executeTakeFirst();
  if (!panel) throw new CaseRefusedError('panel');
  if (!(await canManagePanel(db, actor, panelId, now))) throw new CaseRefusedError('panel');
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'email', 'agency_code', 'role'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new CaseWorkError('userId', 'no such person');
    if (user.role === 'administrator')
      throw new CaseWorkError('userId', 'administrators cannot be panel members: they run accounts, not cases');
    const current = await trx
      .selectFrom('panel_member')
      .select('id')
      .where('panel_id', '=', panelId)
      .where('user_id', '=', userId)
      .where('left_on', 'is', null)
      .executeTakeFirst();
    if (current) throw new CaseWorkError('userId', `${user.email} is already a member of this panel`);
    const row = await trx
      .insertInto('panel_member')
      .values({
        panel_id: panelId,
        user_id: userId,
        agency: user.agency_code,
        role,
        joined_on: dayOf(now),
        added_by: actor.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        action: 'panel.member.add',
        actor: auditActor(actor),
        subjectType: 'panel',
        subjectId: panelId,
        details: { member: row.id, user: user.email, agency: user.agency_code, role },
      },
      now,
    );
    return { memberId: row.id };
  });
}

/** Records that a member left today; the row stays (it is the history of who could read the panel's cases). */
export async function leaveMember(
  db: Kysely<DB>,
  actor: Actor,
  panelId: string,
  memberId: number,
  now: Date,
): Promise<void> {
  if (!(await canManagePanel(db, actor, panelId, now))) throw new CaseRefusedError('panel');
  await db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('panel_member')
      .select(['id', 'user_id', 'joined_on', 'left_on', 'role', 'agency'])
      .where('id', '=', memberId)
      .where('panel_id', '=', panelId)
      .executeTakeFirst();
    if (!member) throw new CaseRefusedError('member');
    if (member.left_on !== null) throw new CaseWorkError('member', `already left on ${member.left_on}`);
    const today = dayOf(now);
    // Someone added with a future start date who leaves before it: they leave on the day they would have joined.
    const leftOn = member.joined_on > today ? member.joined_on : today;
    await trx.updateTable('panel_member').set({ left_on: leftOn }).where('id', '=', memberId).execute();
    await recordAudit(
      trx,
      {
        action: 'panel.member.leave',
        actor: auditActor(actor),
        subjectType: 'panel',
        subjectId: panelId,
        details: { member: memberId, user: member.user_id, role: member.role, agency: member.agency, leftOn },
      },
      now,
    );
  });
}

export interface PanelMemberRow {
  id: number;
  userId: number;
  email: string;
  displayName: string;
  agency: string;
  role: PanelRole;
  joinedOn: string;
  leftOn: string | null;
}

/** Every member of a panel, current first, by agency and role. */
export async function panelMembers(db: Kysely<DB>, panelId: string): Promise<PanelMemberRow[]> {
  const rows = await db
    .selectFrom('panel_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.user_id', 'u.email', 'u.display_name', 'm.agency', 'm.role', 'm.joined_on', 'm.left_on'])
    .where('m.panel_id', '=', panelId)
    .orderBy('m.agency')
    .orderBy('m.role')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    agency: r.agency,
    role: r.role,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
  }));
}
