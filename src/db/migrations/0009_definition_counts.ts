import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Analysis latency (issue 3's bench targets):
 *
 * - agg_partner_definition: partner police counts per slice, borough and
 *   definition. At ward × month the record-level aggregates hold about one
 *   row per record (categories × flags × age bands barely repeat), so a
 *   definition's ten-year series read ~all of them; this table holds one row
 *   per slice and definition. A definition is identified by a key that
 *   hashes its compiled filter (agg_definition_key lists the keys filled), so
 *   a changed definition or catalogue never reads counts made for another.
 *   Filled by src/analysis/aggregates/definitionCounts.ts in the import's
 *   transaction; rows go with their slice (ON DELETE CASCADE), like every aggregate.
 * - (borough_code, slice_id) indexes on the partner aggregates: a borough's
 *   figures look up its own rows of each slice instead of reading every
 *   borough's rows and discarding 31 of 32.
 *
 * Nothing is backfilled here: definitions are files read at run time, and
 * until a key is filled figures read the record-level aggregates as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE agg_definition_key (
      definition_key text PRIMARY KEY,
      definition_id text NOT NULL,
      version integer NOT NULL,
      filled_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE agg_partner_definition (
      slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
      definition_key text NOT NULL REFERENCES agg_definition_key (definition_key) ON DELETE CASCADE,
      borough_code text NOT NULL,
      n_records integer NOT NULL,
      n_offences integer NOT NULL
    )`,
    // Slice by slice (undo, refreshes, and figures for London or a ward); and a borough's rows of one definition,
    // so a borough's figure need not probe all 32 boroughs' slices. The refresh keeps this table's statistics up
    // to date (PGlite never analyses by itself), without which PGlite rescanned a borough's rows for every slice.
    `CREATE INDEX agg_partner_definition_slice ON agg_partner_definition (slice_id, definition_key)`,
    `CREATE INDEX agg_partner_definition_borough ON agg_partner_definition (definition_key, borough_code, slice_id)`,
    ...[
      'agg_partner_police',
      'agg_partner_police_core',
      'agg_partner_police_time',
      'agg_partner_police_lsoa',
      'agg_partner_person',
    ].map((table) => `CREATE INDEX ${table}_borough ON ${table} (borough_code, slice_id)`),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    ...[
      'agg_partner_person',
      'agg_partner_police_lsoa',
      'agg_partner_police_time',
      'agg_partner_police_core',
      'agg_partner_police',
    ].map((table) => `DROP INDEX ${table}_borough`),
    'DROP TABLE agg_partner_definition',
    'DROP TABLE agg_definition_key',
  ]);
}
