import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import { actorOf, findUserByEmail } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelRole } from '../../db/tables/panels.ts';
import { addDays } from './demoDays.ts';
import type { DemoAgency } from './demoStory.ts';

/*
 * The demo's people on the panels (issue 21): the partnership manager chairs MACE and the 18–25 panel; the police
 * data owner and the council analyst sit on MACE; the council analyst triages in the MASH; the health analyst is
 * the school nurse who screens and refers, on no panel. Added only where missing, marked DEMO_MARK.
 */

export const DEMO_MARK = 'demo (SYNTHETIC)';

export const EMAILS = {
  manager: 'manager@council.demo',
  council: 'analyst@council.demo',
  police: 'owner@police.demo',
  health: 'analyst@health.demo',
  probation: 'viewer@probation.demo',
} as const;
export type Who = keyof typeof EMAILS;
export const BY_AGENCY: Readonly<Record<DemoAgency, Who>> = {
  health: 'health',
  local_authority: 'council',
  police: 'police',
  probation: 'probation',
};

/** Who sits where: the chair (or coordinator) first, since the chair records risks and actions. */
export const DEMO_MEMBERSHIPS: readonly [panel: string, who: Who, role: PanelRole][] = [
  ['mace', 'manager', 'chair'],
  ['mace', 'police', 'member'],
  ['mace', 'council', 'member'],
  ['mash', 'council', 'member'],
  ['mash', 'police', 'member'],
  ['marac', 'police', 'chair'],
  ['marac', 'council', 'member'],
  ['marac', 'probation', 'member'],
  ['iom', 'police', 'chair'],
  ['iom', 'probation', 'member'],
  ['iom', 'council', 'member'],
  ['young-adults', 'manager', 'chair'],
  ['young-adults', 'police', 'member'],
  ['young-adults', 'probation', 'member'],
];

/** The five demo users as actors, or null when any is missing (the demo seeds them first). */
export async function demoUsers(db: Kysely<DB>): Promise<Record<Who, Actor> | null> {
  const out = {} as Record<Who, Actor>;
  for (const [who, email] of Object.entries(EMAILS) as [Who, string][]) {
    const u = await findUserByEmail(db, email);
    if (!u) return null;
    out[who] = actorOf(u);
  }
  return out;
}

/** Seats each demo user where DEMO_MEMBERSHIPS says, unless they already sit there; each seat audited as the system's. */
export async function ensureMemberships(db: Kysely<DB>, users: Record<Who, Actor>, today: string): Promise<void> {
  for (const [panel, who, role] of DEMO_MEMBERSHIPS) {
    const u = users[who];
    const current = await db
      .selectFrom('panel_member')
      .select('id')
      .where('panel_id', '=', panel)
      .where('user_id', '=', u.id)
      .where('left_on', 'is', null)
      .executeTakeFirst();
    if (!current)
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('panel_member')
          .values({
            panel_id: panel,
            user_id: u.id,
            agency: u.agency,
            role,
            joined_on: addDays(today, -400),
            added_by: DEMO_MARK,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          action: 'panel.member.add',
          actor: SYSTEM_ACTOR,
          subjectType: 'panel',
          subjectId: panel,
          details: { member: row.id, user: u.email, agency: u.agency, role, seeded: 'demo' },
        });
      });
  }
}
