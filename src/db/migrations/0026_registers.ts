import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Operational registers and the provision map (issue 20). Every register (weapon sweeps, knife bins, test purchases,
 * tensions, incidents, locations of concern, services) is described once in `registers/*.json`; its entries share
 * these tables, so one form, list, history, map layer, import and count serve them all.
 *
 * - register_entry: the current state of one entry. `data` holds the non-personal fields, `personal` the fields a
 *   definition marks personal (removed by the retention job, which leaves the entry and its counts). The place is
 *   a point (lon/lat, WGS84) with the LSOA and ward it lies in, or only an LSOA/ward when that is all that is known.
 *   `occurred_on` is the entry's date for counts per period. A draft is seen only by its author.
 * - register_entry_version: every change, append-only. It keeps the non-personal fields as they were and only the
 *   *names* of personal fields that changed, so history never outlives retention.
 * - register_import: each file imported (its SHA-256 makes a second import of the same file a no-op).
 * - register_reader: the named readership of a register whose definition asks for one (e.g. community tensions).
 * - register_setting: the partnership's choices per register (show its count on the overview).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE register_import (
      id serial PRIMARY KEY,
      register_id text NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      row_count integer NOT NULL CHECK (row_count >= 0),
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (register_id, sha256)
    )`,
    `CREATE TABLE register_entry (
      id serial PRIMARY KEY,
      register_id text NOT NULL,
      definition_version integer NOT NULL CHECK (definition_version >= 1),
      status text NOT NULL CHECK (status IN ('draft', 'submitted')),
      reference text,
      owner_agency text NOT NULL,
      occurred_on date,
      lon double precision,
      lat double precision,
      lsoa_code text,
      ward_code text,
      data jsonb NOT NULL,
      personal jsonb,
      personal_removed_at timestamptz,
      search_text text NOT NULL DEFAULT '',
      duplicate_key text,
      import_id integer REFERENCES register_import (id),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by integer NOT NULL,
      created_by_email text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((lon IS NULL) = (lat IS NULL))
    )`,
    'CREATE INDEX register_entry_by_date ON register_entry (register_id, status, occurred_on DESC, id DESC)',
    'CREATE INDEX register_entry_by_ward ON register_entry (register_id, ward_code)',
    'CREATE INDEX register_entry_by_lsoa ON register_entry (register_id, lsoa_code)',
    'CREATE INDEX register_entry_reference ON register_entry (register_id, reference)',
    `CREATE UNIQUE INDEX register_entry_duplicate ON register_entry (register_id, duplicate_key)
      WHERE status = 'submitted' AND duplicate_key IS NOT NULL`,
    `CREATE TABLE register_entry_version (
      id serial PRIMARY KEY,
      entry_id integer NOT NULL REFERENCES register_entry (id),
      version integer NOT NULL CHECK (version >= 1),
      change text NOT NULL CHECK (change IN ('created', 'edited', 'submitted', 'imported', 'personal-removed')),
      status text NOT NULL,
      data jsonb NOT NULL,
      personal_fields_changed jsonb NOT NULL DEFAULT '[]',
      reason text,
      changed_by integer,
      changed_by_email text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (entry_id, version)
    )`,
    `CREATE FUNCTION register_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps its history: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TRIGGER register_entry_version_append_only BEFORE UPDATE OR DELETE ON register_entry_version
      FOR EACH ROW EXECUTE FUNCTION register_refuse_change()`,
    `CREATE TABLE register_reader (
      register_id text NOT NULL,
      user_id integer NOT NULL REFERENCES app_user (id),
      granted_by text NOT NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (register_id, user_id)
    )`,
    `CREATE TABLE register_setting (
      register_id text PRIMARY KEY,
      show_on_overview boolean NOT NULL DEFAULT false,
      overview_measure text,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE register_setting',
    'DROP TABLE register_reader',
    'DROP TABLE register_entry_version',
    'DROP FUNCTION register_refuse_change()',
    'DROP TABLE register_entry',
    'DROP TABLE register_import',
  ]);
}
