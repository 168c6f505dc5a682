import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { type Person, readPerson } from '../people/person.ts';

/*
 * Reading referrals. Callers have checked need to know (referralAccess for one; a list is the actor's own
 * referrals or the queue of a panel they sit on). Lists show names only, never the sealed fields.
 */

const listColumns = [
  'r.id',
  'r.reference',
  'r.panel_id',
  'r.status',
  'r.created_at',
  'r.triage_due_at',
  'r.repeat_of',
  'r.triage_decision',
  'p.given_name',
  'p.family_name',
] as const;

/** The actor's own referrals, newest first. */
export async function myReferrals(db: Kysely<DB>, actor: Actor, limit = 200) {
  return db
    .selectFrom('referral as r')
    .leftJoin('person as p', 'p.id', 'r.person_id')
    .select(listColumns)
    .where('r.referrer_id', '=', actor.id)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** A panel's referrals awaiting triage, oldest first (the first is the most urgent). */
export async function triageQueue(db: Kysely<DB>, panelId: string, limit = 500) {
  return db
    .selectFrom('referral as r')
    .leftJoin('person as p', 'p.id', 'r.person_id')
    .select(listColumns)
    .where('r.panel_id', '=', panelId)
    .where('r.status', '=', 'awaiting-triage')
    .orderBy('r.created_at', 'asc')
    .orderBy('r.id', 'asc')
    .limit(limit)
    .execute();
}

export interface ReferralDetail {
  row: NonNullable<Awaited<ReturnType<typeof loadRow>>>;
  person: Person | null;
  repeatOfReference: string | null;
  caseId: number | null;
}

function loadRow(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('referral as r')
    .innerJoin('app_user as u', 'u.id', 'r.referrer_id')
    .leftJoin('app_user as t', 't.id', 'r.triaged_by')
    .leftJoin('referral as e', 'e.id', 'r.repeat_of')
    .selectAll('r')
    .select(['u.email as referrer_email', 't.email as triaged_by_email', 'e.reference as repeat_of_reference'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** One referral with its person opened, the earlier referral it repeats and the case it opened. */
export async function referralDetail(db: Kysely<DB>, ring: KeyRing, id: number): Promise<ReferralDetail | null> {
  const row = await loadRow(db, id);
  if (!row) return null;
  const person = row.person_id === null ? null : await readPerson(db, ring, row.person_id);
  const c = await db
    .selectFrom('panel_case')
    .select('id')
    .where('referral_id', '=', id)
    .orderBy('id')
    .executeTakeFirst();
  return { row, person, repeatOfReference: row.repeat_of_reference, caseId: c?.id ?? null };
}
