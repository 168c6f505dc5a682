import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * The performance framework (issue 18): indicator versions, quarterly partner returns and the values in them.
 *
 * - indicator_version: every version of every indicator, from the files in indicators/ or edited in the service.
 *   Append-only: a change is a new version, so a value always names the words it was reported under.
 * - performance_return: one per lead agency and quarter, with a due date and a status.
 * - return_value: every value ever entered, append-only. The current value of an indicator in a return is its
 *   latest row; a correction is a new row naming the one it replaces and why, so history keeps who, when and why.
 * - return_event: the return's status changes (opened, submitted, accepted, sent back), with reasons.
 * Every change is also in the audit log, written in the same transaction (src/performance/returns/).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE FUNCTION performance_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TABLE indicator_version (
      indicator_id text NOT NULL CHECK (indicator_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      version integer NOT NULL CHECK (version >= 1),
      body jsonb NOT NULL,
      origin text NOT NULL CHECK (origin IN ('file', 'service')),
      changed_by integer REFERENCES app_user (id),
      changed_at timestamptz NOT NULL DEFAULT now(),
      reason text NOT NULL DEFAULT '',
      PRIMARY KEY (indicator_id, version)
    )`,
    `CREATE TABLE performance_return (
      id serial PRIMARY KEY,
      agency_code text NOT NULL REFERENCES agency (code),
      quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}/[0-9]{2} Q[1-4]$'),
      period_start date NOT NULL,
      period_end date NOT NULL CHECK (period_end >= period_start),
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'accepted', 'sent_back')),
      opened_by integer REFERENCES app_user (id),
      opened_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (agency_code, quarter)
    )`,
    `CREATE TABLE return_indicator (
      return_id integer NOT NULL REFERENCES performance_return (id),
      indicator_id text NOT NULL,
      indicator_version integer NOT NULL,
      PRIMARY KEY (return_id, indicator_id),
      FOREIGN KEY (indicator_id, indicator_version) REFERENCES indicator_version (indicator_id, version)
    )`,
    `CREATE TABLE return_value (
      id serial PRIMARY KEY,
      return_id integer NOT NULL,
      indicator_id text NOT NULL,
      indicator_version integer NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL CHECK (period_end >= period_start),
      value double precision NOT NULL,
      numerator double precision,
      denominator double precision CHECK (denominator IS NULL OR denominator > 0),
      commentary text NOT NULL DEFAULT '',
      outlier_note text NOT NULL DEFAULT '',
      replaces integer REFERENCES return_value (id),
      reason text NOT NULL DEFAULT '',
      entered_by integer NOT NULL REFERENCES app_user (id),
      entered_at timestamptz NOT NULL DEFAULT now(),
      synthetic boolean NOT NULL DEFAULT false,
      FOREIGN KEY (return_id, indicator_id) REFERENCES return_indicator (return_id, indicator_id),
      CHECK (numerator IS NULL OR denominator IS NULL OR numerator <= denominator)
    )`,
    'CREATE INDEX return_value_by_indicator ON return_value (indicator_id, period_end)',
    `CREATE TABLE return_event (
      id serial PRIMARY KEY,
      return_id integer NOT NULL REFERENCES performance_return (id),
      action text NOT NULL CHECK (action IN ('opened', 'submitted', 'accepted', 'sent_back')),
      reason text NOT NULL DEFAULT '',
      by_user integer REFERENCES app_user (id),
      at timestamptz NOT NULL DEFAULT now()
    )`,
    ...['indicator_version', 'return_value', 'return_event', 'return_indicator'].flatMap((t) => [
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION performance_refuse_change()`,
      `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION performance_refuse_change()`,
    ]),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE return_event',
    'DROP TABLE return_value',
    'DROP TABLE return_indicator',
    'DROP TABLE performance_return',
    'DROP TABLE indicator_version',
    'DROP FUNCTION performance_refuse_change()',
  ]);
}
