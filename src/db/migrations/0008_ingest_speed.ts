import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Import speed (issue 2's bench targets), same behaviour:
 *
 * - count_slice_superseded_by indexes only superseded slices. Current slices
 *   (superseded_by IS NULL) are most of what an import writes, and no query
 *   looks them up through this index: `superseded_by = $batch` (undo, the
 *   ON DELETE SET NULL of import_batch) still uses it, as `=` implies NOT NULL.
 *   Measured on PostgreSQL 15: a sixth of the cost of COPYing slices.
 * - crime_count.slice_id loses its foreign key, for the reason and in the way
 *   of the police.uk tables (0002): a per-row check made COPY several times
 *   slower. A statement-level trigger deletes a slice's rows with it, as
 *   ON DELETE CASCADE did; the importer writes each row's slice in the same
 *   transaction, so the slices of MPS files are now written once, at the end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX count_slice_superseded_by',
    'CREATE INDEX count_slice_superseded_by ON count_slice (superseded_by) WHERE superseded_by IS NOT NULL',
    'ALTER TABLE crime_count DROP CONSTRAINT crime_count_slice_id_fkey',
    `CREATE FUNCTION crime_count_delete_slice_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM crime_count WHERE slice_id IN (SELECT id FROM gone_slices);
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER crime_count_slice_rows_gone AFTER DELETE ON count_slice
      REFERENCING OLD TABLE AS gone_slices FOR EACH STATEMENT EXECUTE FUNCTION crime_count_delete_slice_rows()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TRIGGER crime_count_slice_rows_gone ON count_slice',
    'DROP FUNCTION crime_count_delete_slice_rows()',
    'ALTER TABLE crime_count ADD CONSTRAINT crime_count_slice_id_fkey FOREIGN KEY (slice_id) REFERENCES count_slice (id) ON DELETE CASCADE',
    'DROP INDEX count_slice_superseded_by',
    'CREATE INDEX count_slice_superseded_by ON count_slice (superseded_by)',
  ]);
}
