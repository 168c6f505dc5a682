import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Record-level partner extracts (docs/formats/partner-police-extract.md and
 * ae-istv-extract.md). Rows hang off revision slices (ward or site × month),
 * so a later extract of the same months supersedes the earlier one whole.
 * Both tables hold personal data: every batch is classified 'personal'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE partner_police_record (
      slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
      record_id text NOT NULL,
      crime_ref text NOT NULL,
      data_label text NOT NULL CHECK (data_label IN ('SYNTHETIC', 'OFFICIAL-SENSITIVE')),
      offence_date date NOT NULL,
      offence_time time,
      committed_from timestamp NOT NULL,
      committed_to timestamp NOT NULL,
      recorded_date date NOT NULL,
      borough_code text NOT NULL,
      ward_code text NOT NULL,
      lsoa_code text,
      category_id integer NOT NULL REFERENCES offence_category (id),
      domestic_abuse boolean NOT NULL,
      knife boolean NOT NULL,
      firearm boolean NOT NULL,
      hate_strand text,
      sexual boolean NOT NULL,
      victim_id text,
      victim_age smallint,
      victim_sex text,
      victim_ethnicity text,
      suspect_id text,
      suspect_age smallint,
      suspect_sex text,
      suspect_ethnicity text,
      location_type text NOT NULL,
      outcome text NOT NULL,
      outcome_date date
    )`,
    `CREATE INDEX partner_police_record_slice ON partner_police_record (slice_id)`,
    `CREATE TABLE partner_ae_attendance (
      slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
      attendance_id text NOT NULL,
      data_label text NOT NULL CHECK (data_label IN ('SYNTHETIC', 'OFFICIAL-SENSITIVE')),
      site_code text NOT NULL,
      arrival timestamp NOT NULL,
      assault_date date NOT NULL,
      assault_time time,
      assault_method text NOT NULL,
      assault_method_other text,
      location_type text NOT NULL,
      location_description text,
      patient_age_band text NOT NULL,
      patient_sex text NOT NULL
    )`,
    `CREATE INDEX partner_ae_attendance_slice ON partner_ae_attendance (slice_id)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE partner_ae_attendance', 'DROP TABLE partner_police_record']);
}
