import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { newReference } from '../references.ts';

/*
 * Opening a case in a panel, inside the caller's transaction (a triage decision, or a panel taking a referral made
 * to it directly). The case starts open with no hearing date: the panel's agenda picks it up as new. The key ring
 * is taken so every writer of case rows has the same shape; nothing sealed is written here yet.
 */

export interface OpenCase {
  panelId: string;
  personId: number | null;
  referralId: number | null;
  allocatedTo?: number | null;
  summary?: string | null;
  actor: Actor;
  now: Date;
}

export async function openCase(
  trx: Kysely<DB>,
  _ring: KeyRing,
  c: OpenCase,
): Promise<{ id: number; reference: string }> {
  for (let attempt = 0; ; attempt++) {
    const reference = newReference('C');
    const clash = await trx.selectFrom('panel_case').select('id').where('reference', '=', reference).executeTakeFirst();
    if (clash && attempt < 5) continue;
    const row = await trx
      .insertInto('panel_case')
      .values({
        reference,
        panel_id: c.panelId,
        person_id: c.personId,
        referral_id: c.referralId,
        status: 'open',
        allocated_to: c.allocatedTo ?? null,
        summary: c.summary?.trim() || null,
        opened_at: c.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        action: 'case.open',
        actor: { userId: c.actor.id, email: c.actor.email, agency: c.actor.agency },
        subjectType: 'panel_case',
        subjectId: row.id,
        details: { reference, panel: c.panelId, referral: c.referralId },
      },
      c.now,
    );
    return { id: row.id, reference };
  }
}
