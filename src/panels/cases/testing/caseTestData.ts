import type { Kysely } from 'kysely';
import type { Actor } from '../../../auth/policy.ts';
import type { DB } from '../../../db/schema.ts';
import type { KeyRing } from '../../crypto/keyRing.ts';
import { insertPerson } from '../../people/person.ts';
import { newReference } from '../../references.ts';
import { openCase } from '../openCase.ts';

/*
 * A SYNTHETIC case for panel and case tests: a person named "Synthetic …", a referral from `referrer` with its
 * lawful basis, and the case opened from it, then set to the state a test needs (heard, review due, escalated,
 * closed) directly, so each test starts from a state worked out by hand.
 */

export interface SeedCase {
  panelId: string;
  referrer: Actor;
  givenName?: string;
  openedAt?: Date;
  firstHeardOn?: string | null;
  reviewOn?: string | null;
  escalated?: boolean;
  closed?: boolean;
  repeatOf?: number | null;
  allocatedTo?: number | null;
  ethnicity?: string;
}

export async function seedCase(
  db: Kysely<DB>,
  ring: KeyRing,
  s: SeedCase,
): Promise<{ caseId: number; referralId: number; personId: number; reference: string }> {
  const openedAt = s.openedAt ?? new Date('2026-10-01T10:00:00Z');
  return db.transaction().execute(async (trx) => {
    const person = await insertPerson(
      trx,
      ring,
      {
        givenName: s.givenName ?? 'Synthetic',
        familyName: 'Testperson',
        dateOfBirth: '2010-05-04',
        sex: 'female',
        special: { ethnicity: (s.ethnicity ?? 'white-british') as 'not-stated', health: 'SYNTHETIC asthma' },
      },
      s.referrer.id,
    );
    const referral = await trx
      .insertInto('referral')
      .values({
        reference: newReference('R'),
        person_id: person.id,
        panel_id: s.panelId,
        referrer_id: s.referrer.id,
        referrer_agency: s.referrer.agency,
        reason: 'SYNTHETIC reason for referral',
        lawful_basis: 'public-task',
        special_condition: 'sch1-18-safeguarding',
        consent: 'not-sought',
        consent_reason: 'SYNTHETIC: seeking consent would increase the risk',
        status: 'sent-to-panel',
        repeat_of: s.repeatOf ?? null,
        created_at: openedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const opened = await openCase(trx, ring, {
      panelId: s.panelId,
      personId: person.id,
      referralId: referral.id,
      allocatedTo: s.allocatedTo ?? null,
      actor: s.referrer,
      now: openedAt,
    });
    await trx
      .updateTable('panel_case')
      .set({
        first_heard_on: s.firstHeardOn ?? null,
        review_on: s.reviewOn ?? null,
        escalated: s.escalated ?? false,
        ...(s.closed
          ? {
              status: 'closed' as const,
              closed_at: new Date('2026-11-01T12:00:00Z'),
              closure_reason: 'actions-complete',
            }
          : {}),
      })
      .where('id', '=', opened.id)
      .execute();
    return { caseId: opened.id, referralId: referral.id, personId: person.id, reference: opened.reference };
  });
}
