import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Delivery (issue 19), second slice: evidence on a plan item's updates, and the review of an import's doubtful
 * matches. Both append-only, like 0021's histories (refused UPDATE/DELETE by 0021's delivery_refuse_change()).
 *
 * - plan_update_evidence: a link (http or https) or a small file (bytes kept here with their SHA-256, media type
 *   and size) attached to one update.
 * - plan_import_review: a partnership manager's decision on one doubtful match of one import: "same" (the
 *   reworded item is the same action) or "split" (a different action: a new item was made with the new wording,
 *   `new_item_id`, and the old item given back its earlier wording as a new version).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE plan_update_evidence (
      id serial PRIMARY KEY,
      update_id integer NOT NULL REFERENCES plan_item_update (id),
      kind text NOT NULL CHECK (kind IN ('link', 'file')),
      url text CHECK (url IS NULL OR url ~ '^https?://'),
      file_name text,
      media_type text,
      content bytea,
      sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer CHECK (size_bytes IS NULL OR size_bytes > 0),
      added_by text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      CHECK (
        (kind = 'link' AND url IS NOT NULL AND content IS NULL)
        OR (kind = 'file' AND url IS NULL AND content IS NOT NULL AND file_name IS NOT NULL
            AND media_type IS NOT NULL AND sha256 IS NOT NULL AND size_bytes = octet_length(content))
      )
    )`,
    'CREATE INDEX plan_update_evidence_by_update ON plan_update_evidence (update_id, id)',
    `CREATE TABLE plan_import_review (
      id serial PRIMARY KEY,
      import_id integer NOT NULL REFERENCES plan_import (id),
      item_id integer NOT NULL REFERENCES plan_item (id),
      decision text NOT NULL CHECK (decision IN ('same', 'split')),
      new_item_id integer REFERENCES plan_item (id),
      reviewed_by text NOT NULL,
      reviewed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (import_id, item_id),
      CHECK ((decision = 'split') = (new_item_id IS NOT NULL))
    )`,
    ...['plan_update_evidence', 'plan_import_review'].flatMap((t) => [
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION delivery_refuse_change()`,
      `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION delivery_refuse_change()`,
    ]),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE plan_import_review', 'DROP TABLE plan_update_evidence']);
}
