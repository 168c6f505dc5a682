import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Delivery (issue 19): plans (strategy, action plan, recommendations list, VRU action-plan return), their themes
 * and items, and each item's history.
 *
 * - plan: one document the partnership works to; `round` counts the imports of later rounds into it.
 * - plan_import: every import of a file (append-only): its SHA-256 makes a second import of the same file a no-op,
 *   and what it could not place or matched doubtfully stays here for the review page.
 * - plan_theme / plan_item: numbers are kept as written (text), so a list that repeats "12" or writes "4 a)" keeps
 *   them; `match_key` (category, number and occurrence) is how a later round finds the same item again.
 * - plan_item_wording, plan_item_update, plan_item_status: append-only histories. The current wording, update and
 *   status are the latest rows; a status always carries a reason (an item with no status row is "not started").
 * Every change is also in the audit log, written in the same transaction (src/delivery/).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE FUNCTION delivery_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps its history: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TABLE plan (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('strategy', 'action-plan', 'recommendations', 'vru-return')),
      title text NOT NULL CHECK (btrim(title) <> ''),
      owner_agency text,
      period text,
      round integer NOT NULL DEFAULT 1 CHECK (round >= 1),
      source_file_name text,
      source_sha256 text CHECK (source_sha256 IS NULL OR source_sha256 ~ '^[0-9a-f]{64}$'),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE plan_import (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan (id),
      kind text NOT NULL,
      round integer NOT NULL CHECK (round >= 1),
      file_name text NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      summary jsonb NOT NULL,
      unplaced jsonb NOT NULL,
      doubtful jsonb NOT NULL,
      UNIQUE (kind, sha256)
    )`,
    `CREATE TABLE plan_theme (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan (id),
      theme_key text NOT NULL,
      number text,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      position integer NOT NULL,
      UNIQUE (plan_id, theme_key)
    )`,
    `CREATE TABLE plan_item (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan (id),
      theme_id integer NOT NULL REFERENCES plan_theme (id),
      parent_item_id integer REFERENCES plan_item (id),
      match_key text NOT NULL,
      number text,
      kind text NOT NULL CHECK (kind IN ('priority', 'recommendation', 'action')),
      category text NOT NULL CHECK (category IN ('core', 'optional', 'emerging', 'new-section')),
      position integer NOT NULL,
      owner_person text,
      owner_agency text,
      due_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (theme_id, match_key)
    )`,
    'CREATE INDEX plan_item_by_plan ON plan_item (plan_id, theme_id, position)',
    `CREATE TABLE plan_item_wording (
      id serial PRIMARY KEY,
      item_id integer NOT NULL REFERENCES plan_item (id),
      version integer NOT NULL CHECK (version >= 1),
      old_wording text,
      wording text NOT NULL,
      import_id integer REFERENCES plan_import (id),
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (item_id, version)
    )`,
    `CREATE TABLE plan_item_update (
      id serial PRIMARY KEY,
      item_id integer NOT NULL REFERENCES plan_item (id),
      on_date date NOT NULL,
      body text NOT NULL CHECK (btrim(body) <> ''),
      import_id integer REFERENCES plan_import (id),
      written_by text NOT NULL,
      written_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX plan_item_update_by_item ON plan_item_update (item_id, id)',
    `CREATE TABLE plan_item_status (
      id serial PRIMARY KEY,
      item_id integer NOT NULL REFERENCES plan_item (id),
      status text NOT NULL CHECK (status IN ('not started', 'on track', 'at risk', 'off track', 'complete', 'dropped')),
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX plan_item_status_by_item ON plan_item_status (item_id, id)',
    ...['plan_import', 'plan_item_wording', 'plan_item_update', 'plan_item_status'].flatMap((t) => [
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION delivery_refuse_change()`,
      `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION delivery_refuse_change()`,
    ]),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE plan_item_status',
    'DROP TABLE plan_item_update',
    'DROP TABLE plan_item_wording',
    'DROP TABLE plan_item',
    'DROP TABLE plan_theme',
    'DROP TABLE plan_import',
    'DROP TABLE plan',
    'DROP FUNCTION delivery_refuse_change()',
  ]);
}
