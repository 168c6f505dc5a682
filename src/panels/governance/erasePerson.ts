import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { sourceToken } from '../facts/recordFact.ts';

/*
 * Erasure (UK GDPR article 17) of one person, inside the caller's transaction: their referrals and cases stay as
 * empty shells (so counts, agendas and the audit trail still add up) with the person unlinked; what the panels
 * recorded about them (preparation, risks, links) goes, and so does the person row. The anonymous facts stay, with
 * their source tokens cleared so nothing links them back to the shells either.
 */

export interface Erased {
  cases: number;
  referrals: number;
}

export async function erasePerson(trx: Kysely<DB>, ring: KeyRing, personId: number, now: Date): Promise<Erased> {
  const cases = (await trx.selectFrom('panel_case').select('id').where('person_id', '=', personId).execute()).map(
    (c) => c.id,
  );
  const referrals = (await trx.selectFrom('referral').select('id').where('person_id', '=', personId).execute()).map(
    (r) => r.id,
  );
  const tokens = [
    ...cases.map((id) => sourceToken(ring, `case:${id}`)),
    ...referrals.map((id) => sourceToken(ring, `referral:${id}`)),
  ];
  if (tokens.length > 0)
    await trx.updateTable('panel_fact').set({ source_token: null }).where('source_token', 'in', tokens).execute();
  if (cases.length > 0) {
    await trx.deleteFrom('case_preparation').where('case_id', 'in', cases).execute();
    await trx.deleteFrom('case_risk').where('case_id', 'in', cases).execute();
    await trx.deleteFrom('case_link').where('case_id', 'in', cases).execute();
    await trx
      .updateTable('panel_case')
      .set({ person_id: null, summary: null, personal_removed_at: now })
      .where('id', 'in', cases)
      .execute();
  }
  // Links to this person from other people's cases name them too.
  await trx.deleteFrom('case_link').where('person_id', '=', personId).execute();
  await trx.updateTable('referral').set({ person_id: null }).where('person_id', '=', personId).execute();
  await trx.updateTable('subject_request').set({ person_id: null }).where('person_id', '=', personId).execute();
  await trx.deleteFrom('person').where('id', '=', personId).execute();
  return { cases: cases.length, referrals: referrals.length };
}
