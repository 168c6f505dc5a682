import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Import speed (issue 2), with docs/decisions/0004-police-uk-borough-slices.md:
 *
 * - agg_police_uk_street and agg_stop_search lose their foreign key to
 *   count_slice, as police_uk_street did in 0002 and crime_count in 0008: a
 *   per-row check cost a third of refreshing a street file's aggregates
 *   (200,709 rows: 2.3 s of 7.2 s on PGlite). A statement-level trigger
 *   deletes a slice's aggregate rows with it, as ON DELETE CASCADE did; the
 *   importer writes them in the slice's own transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'ALTER TABLE agg_police_uk_street DROP CONSTRAINT agg_police_uk_street_slice_id_fkey',
    'ALTER TABLE agg_stop_search DROP CONSTRAINT agg_stop_search_slice_id_fkey',
    `CREATE FUNCTION police_uk_delete_slice_aggregates() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM agg_police_uk_street WHERE slice_id IN (SELECT id FROM gone_slices);
      DELETE FROM agg_stop_search WHERE slice_id IN (SELECT id FROM gone_slices);
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER police_uk_slice_aggregates_gone AFTER DELETE ON count_slice
      REFERENCING OLD TABLE AS gone_slices FOR EACH STATEMENT EXECUTE FUNCTION police_uk_delete_slice_aggregates()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TRIGGER police_uk_slice_aggregates_gone ON count_slice',
    'DROP FUNCTION police_uk_delete_slice_aggregates()',
    'ALTER TABLE agg_stop_search ADD CONSTRAINT agg_stop_search_slice_id_fkey FOREIGN KEY (slice_id) REFERENCES count_slice (id) ON DELETE CASCADE',
    'ALTER TABLE agg_police_uk_street ADD CONSTRAINT agg_police_uk_street_slice_id_fkey FOREIGN KEY (slice_id) REFERENCES count_slice (id) ON DELETE CASCADE',
  ]);
}
