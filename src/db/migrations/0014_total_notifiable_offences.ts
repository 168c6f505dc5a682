import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Total notifiable offences (TNO) as a category of each MPS classification
 * (src/domain/classifications/totalNotifiable.ts). The rows only name TNO so
 * that categories resolve it like any other; no count is ever stored under
 * them: a figure adds up every other category of the classification from the
 * same revision slices. The seed is written out here, not read from live code,
 * so this migration does the same thing whatever the catalogue later becomes.
 * match_key is how importers key categories (categoryMatchKey: upper case, '|', minor).
 */
const SEED = [
  `('mps_old', 'Total Notifiable Offences', '', 'TOTAL NOTIFIABLE OFFENCES|')`,
  `('ho_aligned', 'TOTAL NOTIFIABLE OFFENCES', '', 'TOTAL NOTIFIABLE OFFENCES|')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `INSERT INTO offence_category (classification, major, minor, match_key) VALUES ${SEED.join(', ')}
      ON CONFLICT (classification, match_key) DO NOTHING`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A row some file stored counts under (a publisher's own total line) is kept: its counts need it.
  await runStatements(db, [
    `DELETE FROM offence_category oc
      WHERE oc.classification IN ('mps_old', 'ho_aligned') AND oc.match_key = 'TOTAL NOTIFIABLE OFFENCES|'
        AND NOT EXISTS (SELECT 1 FROM crime_count c WHERE c.category_id = oc.id)
        AND NOT EXISTS (SELECT 1 FROM offence_mapping m WHERE oc.id IN (m.from_category_id, m.to_category_id))`,
  ]);
}
