import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Import speed (issue 2), see docs/decisions/0006-police-uk-street-brin.md:
 * police_uk_street's slice_id index becomes a BRIN index. Keeping the b-tree
 * up to date cost as much as the COPY itself (PostgreSQL 15, 897,141 rows:
 * binary COPY 2.2 s without it, 4.1 s with it, 2.0 s with BRIN). No figure
 * reads raw street rows (they are read through agg_police_uk_street, which
 * keeps its b-tree); what does (an import dropping its unchanged slices, undo)
 * reads whole batches, whose rows lie together in the table, as BRIN needs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX police_uk_street_slice',
    'CREATE INDEX police_uk_street_slice ON police_uk_street USING brin (slice_id) WITH (pages_per_range = 32)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX police_uk_street_slice',
    'CREATE INDEX police_uk_street_slice ON police_uk_street (slice_id)',
  ]);
}
