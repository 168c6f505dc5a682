import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Tests only: `n` anonymous MACE referral facts on a day (a SYNTHETIC health referral of a girl aged 10-15). */
export async function insertReferralFacts(db: Kysely<DB>, n: number, on: string): Promise<void> {
  await db
    .insertInto('panel_fact')
    .values(
      Array.from({ length: n }, () => ({
        kind: 'referral' as const,
        occurred_on: on,
        agency: 'health',
        panel_id: 'mace',
        age_band: '10-15',
        sex: 'female',
        ethnicity_group: 'Asian',
        source_token: null,
      })),
    )
    .execute();
}
