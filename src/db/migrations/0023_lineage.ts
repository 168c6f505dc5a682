import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Lineage (issue 19): the thread from a finding to a decision. One directed link table over five kinds of node,
 * many to many:
 * - finding: a figure or section of a published report, ref `<report id>/<published version>#<block id>`;
 * - plan-item: a recommendation, priority or action (plan_item.id);
 * - indicator: a performance indicator (its id, as in indicator_version.indicator_id);
 * - meeting: a meeting (meeting.id), for "discussed at";
 * - decision: a board's decision (decision.id).
 * Refs are text because the kinds live in different tables; the application checks each ref exists and refuses a
 * link that would close a cycle. Links are append-only: removing one is a row in lineage_link_removal with its
 * reason, so the thread as it stood on any day can be told again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE FUNCTION lineage_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps its history: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TABLE lineage_link (
      id serial PRIMARY KEY,
      from_kind text NOT NULL CHECK (from_kind IN ('finding', 'plan-item', 'indicator', 'meeting', 'decision')),
      from_ref text NOT NULL CHECK (btrim(from_ref) <> ''),
      to_kind text NOT NULL CHECK (to_kind IN ('finding', 'plan-item', 'indicator', 'meeting', 'decision')),
      to_ref text NOT NULL CHECK (btrim(to_ref) <> ''),
      note text NOT NULL DEFAULT '',
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (NOT (from_kind = to_kind AND from_ref = to_ref))
    )`,
    'CREATE INDEX lineage_link_from ON lineage_link (from_kind, from_ref)',
    'CREATE INDEX lineage_link_to ON lineage_link (to_kind, to_ref)',
    `CREATE TABLE lineage_link_removal (
      link_id integer PRIMARY KEY REFERENCES lineage_link (id),
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      removed_by text NOT NULL,
      removed_at timestamptz NOT NULL DEFAULT now()
    )`,
    ...['lineage_link', 'lineage_link_removal'].flatMap((t) => [
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION lineage_refuse_change()`,
      `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION lineage_refuse_change()`,
    ]),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE lineage_link_removal',
    'DROP TABLE lineage_link',
    'DROP FUNCTION lineage_refuse_change()',
  ]);
}
