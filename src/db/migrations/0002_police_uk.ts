import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * data.police.uk records: street-level crimes (CSV and API JSON), outcomes and
 * stop-and-search. Each row sits in a revision slice (count_slice) so a later
 * download of the same months replaces, never doubles, what is stored.
 * Blank publisher cells are stored as '' (text) or NULL (numbers, codes, ids).
 *
 * slice_id and category_id are deliberately not foreign keys: a per-row
 * foreign-key check made COPY four times slower (60,000 rows: 2.4 s against
 * 0.6 s on PostgreSQL 15), and these tables take millions of rows a file. The
 * importer writes a row's slice in the same transaction, and a statement-level
 * trigger on count_slice deletes a slice's rows with it, as ON DELETE CASCADE
 * would (unchanged slices dropped by reconciliation, a batch undone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE police_uk_street (
      slice_id bigint NOT NULL,
      crime_id text,
      month date NOT NULL,
      reported_by text NOT NULL,
      falls_within text NOT NULL,
      longitude double precision,
      latitude double precision,
      location text NOT NULL,
      lsoa_code text,
      lsoa_name text NOT NULL,
      category_id integer NOT NULL,
      last_outcome_category text NOT NULL,
      context text NOT NULL,
      api_id bigint,
      location_type text,
      location_subtype text,
      street_id bigint,
      last_outcome_month date
    )`,
    `CREATE INDEX police_uk_street_slice ON police_uk_street (slice_id)`,
    `CREATE TABLE police_uk_outcome (
      slice_id bigint NOT NULL,
      crime_id text,
      month date NOT NULL,
      reported_by text NOT NULL,
      falls_within text NOT NULL,
      longitude double precision,
      latitude double precision,
      location text NOT NULL,
      lsoa_code text,
      lsoa_name text NOT NULL,
      outcome_type text NOT NULL
    )`,
    `CREATE INDEX police_uk_outcome_slice ON police_uk_outcome (slice_id)`,
    `CREATE TABLE police_uk_stop_search (
      slice_id bigint NOT NULL,
      force text NOT NULL,
      search_type text NOT NULL,
      searched_at timestamptz NOT NULL,
      month date NOT NULL,
      part_of_policing_operation boolean,
      policing_operation text NOT NULL,
      latitude double precision,
      longitude double precision,
      gender text NOT NULL,
      age_range text NOT NULL,
      self_defined_ethnicity text NOT NULL,
      officer_defined_ethnicity text NOT NULL,
      legislation text NOT NULL,
      object_of_search text NOT NULL,
      outcome text NOT NULL,
      outcome_linked_to_object boolean,
      removal_of_outer_clothing boolean,
      source_file_month date,
      lsoa21_code text,
      lsoa21_name text
    )`,
    `CREATE INDEX police_uk_stop_search_slice ON police_uk_stop_search (slice_id)`,
    `CREATE FUNCTION police_uk_delete_slice_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM police_uk_street WHERE slice_id IN (SELECT id FROM gone_slices);
      DELETE FROM police_uk_outcome WHERE slice_id IN (SELECT id FROM gone_slices);
      DELETE FROM police_uk_stop_search WHERE slice_id IN (SELECT id FROM gone_slices);
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER police_uk_slice_rows_gone AFTER DELETE ON count_slice
      REFERENCING OLD TABLE AS gone_slices FOR EACH STATEMENT EXECUTE FUNCTION police_uk_delete_slice_rows()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TRIGGER police_uk_slice_rows_gone ON count_slice',
    'DROP FUNCTION police_uk_delete_slice_rows()',
    ...['police_uk_stop_search', 'police_uk_outcome', 'police_uk_street'].map((t) => `DROP TABLE ${t}`),
  ]);
}
