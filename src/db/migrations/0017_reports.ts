import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Reports (a Strategic Needs Assessment and the like): made from a template for an area and period, written,
 * reviewed, approved and published (src/reports/workflow/). Narrative versions and publications are what a
 * partnership signs off and cites, so, like the audit log (0006), the database itself refuses to change or
 * remove them: a bug or a person with the application's credentials cannot quietly rewrite what was approved.
 *
 * area_code is not a foreign key: areas are reference data an import can replace, and a report names the area
 * it was written for whatever happens to the boundaries later. template_id is a file's id, not a table's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE report (
      id serial PRIMARY KEY,
      title text NOT NULL CHECK (title <> ''),
      template_id text NOT NULL,
      template_version integer NOT NULL,
      area_code text NOT NULL,
      period text NOT NULL,
      compare text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved', 'published')),
      owning_agency text NOT NULL REFERENCES agency (code),
      classification text NOT NULL DEFAULT 'partnership'
        CHECK (classification IN ('public', 'partnership', 'restricted', 'personal')),
      created_by integer NOT NULL REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1)
    )`,
    // Every save of the narrative is a new row holding the whole narrative ({ blockId: markdown }).
    `CREATE TABLE report_version (
      report_id integer NOT NULL REFERENCES report (id),
      version integer NOT NULL CHECK (version >= 1),
      narrative jsonb NOT NULL,
      changed_by integer NOT NULL REFERENCES app_user (id),
      changed_at timestamptz NOT NULL DEFAULT now(),
      note text NOT NULL DEFAULT '',
      PRIMARY KEY (report_id, version)
    )`,
    `CREATE TABLE report_comment (
      id serial PRIMARY KEY,
      report_id integer NOT NULL,
      version integer NOT NULL,
      block_id text NOT NULL,
      author integer NOT NULL REFERENCES app_user (id),
      body text NOT NULL CHECK (body <> ''),
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by integer REFERENCES app_user (id),
      FOREIGN KEY (report_id, version) REFERENCES report_version (report_id, version),
      CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
    )`,
    `CREATE INDEX report_comment_report ON report_comment (report_id, id)`,
    // One publication per edition: a published report is final; a new issue is a new report.
    `CREATE TABLE report_publication (
      report_id integer NOT NULL,
      version integer NOT NULL,
      edition text NOT NULL CHECK (edition IN ('internal', 'public')),
      built jsonb NOT NULL,
      as_of jsonb NOT NULL,
      published_by integer NOT NULL REFERENCES app_user (id),
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (report_id, edition),
      FOREIGN KEY (report_id, version) REFERENCES report_version (report_id, version)
    )`,
    // The status history; from_status is NULL on the row that records the report's creation.
    `CREATE TABLE report_transition (
      id serial PRIMARY KEY,
      report_id integer NOT NULL REFERENCES report (id),
      from_status text CHECK (from_status IN ('draft', 'in_review', 'approved', 'published')),
      to_status text NOT NULL CHECK (to_status IN ('draft', 'in_review', 'approved', 'published')),
      "by" integer NOT NULL REFERENCES app_user (id),
      "at" timestamptz NOT NULL DEFAULT now(),
      reason text NOT NULL DEFAULT ''
    )`,
    `CREATE INDEX report_transition_report ON report_transition (report_id, id)`,
    `CREATE FUNCTION report_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TRIGGER report_version_append_only BEFORE UPDATE OR DELETE ON report_version
      FOR EACH ROW EXECUTE FUNCTION report_refuse_change()`,
    `CREATE TRIGGER report_version_no_truncate BEFORE TRUNCATE ON report_version
      FOR EACH STATEMENT EXECUTE FUNCTION report_refuse_change()`,
    `CREATE TRIGGER report_publication_append_only BEFORE UPDATE OR DELETE ON report_publication
      FOR EACH ROW EXECUTE FUNCTION report_refuse_change()`,
    `CREATE TRIGGER report_publication_no_truncate BEFORE TRUNCATE ON report_publication
      FOR EACH STATEMENT EXECUTE FUNCTION report_refuse_change()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE report_transition',
    'DROP TABLE report_publication',
    'DROP TABLE report_comment',
    'DROP TABLE report_version',
    'DROP TABLE report',
    'DROP FUNCTION report_refuse_change',
  ]);
}
