import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { aggregateFillStatements } from './aggregateFill.ts';
import { refreshDefinitionCounts } from './definitionCounts.ts';

/**
 * Summarises the raw records of one batch's slices into the aggregate tables
 * (except those in `written`: the layout counted them as it read the file)
 * (one INSERT … SELECT per table, so the cost is a few statements per file),
 * then partner counts per definition (definitionCounts.ts).
 * Call it inside the import's transaction after the slices are reconciled:
 * slices dropped as unchanged are gone by then, and those kept as history are
 * aggregated too, so "as of" figures read the same aggregates. Undo needs
 * nothing: deleting a slice cascades to its aggregate rows.
 */
export async function refreshAggregatesForBatch(
  trx: Kysely<DB>,
  batchId: number,
  written: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (!Number.isSafeInteger(batchId)) throw new RangeError(`batch id must be an integer, got ${batchId}`);
  const touches = await sql<{ records: number; partner: number }>`
    SELECT count(*)::int8 AS records, count(*) FILTER (WHERE s.series LIKE 'partner-police%')::int8 AS partner FROM count_slice s
    WHERE s.batch_id = ${batchId} AND (s.series LIKE 'police-uk-%' OR s.series LIKE 'partner-police%')`.execute(trx);
  if (Number(touches.rows[0]?.records ?? 0) === 0) return; // nothing record-level in this batch
  // Idempotent: a second call for the same batch replaces, never doubles, its aggregates.
  for (const table of AGGREGATE_TABLES) {
    if (written.has(table)) continue;
    await sql`DELETE FROM ${sql.table(table)} WHERE slice_id IN (SELECT id FROM count_slice WHERE batch_id = ${batchId})`.execute(
      trx,
    );
  }
  for (const statement of aggregateFillStatements(`s.batch_id = ${batchId}`)) {
    if (!written.has(filledTable(statement))) await sql.raw(statement).execute(trx);
  }
  // importFile.ts analyses every table its transaction changed, these aggregates among them, before it commits.
  if (Number(touches.rows[0]?.partner ?? 0) > 0) await refreshDefinitionCounts(trx, batchId);
}

/**
 * Fresh planner statistics for the aggregate tables after a rebuild outside an import (an import analyses what it changed itself). PGlite never analyses by itself (no autovacuum),
 * and PostgreSQL's autovacuum may not have run before the first figure is asked: planned as if empty, the
 * People page's joins of count_slice to agg_partner_police ran as nested loops, 3–5 s each where a hash join
 * takes a tenth of that. ANALYZE samples a fixed number of rows, so it costs milliseconds at any size. (definitionCounts.ts analyses its own table.)
 */
async function analyseChanged(trx: Kysely<DB>, partner: boolean, policeUk: boolean): Promise<void> {
  const tables = [
    ...(partner ? AGGREGATE_TABLES.filter((t) => t.startsWith('agg_partner_') && t !== 'agg_partner_definition') : []),
    ...(policeUk ? (['agg_police_uk_street', 'agg_stop_search'] as const) : []),
  ];
  for (const table of tables) await sql`ANALYZE ${sql.table(table)}`.execute(trx);
}

/** Rebuilds every aggregate from the raw records (after a bulk load that bypassed importFile, or a repair). */
export async function rebuildAllAggregates(trx: Kysely<DB>): Promise<void> {
  for (const table of AGGREGATE_TABLES) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
  for (const statement of aggregateFillStatements('true')) await sql.raw(statement).execute(trx);
  await refreshDefinitionCounts(trx, null);
  await analyseChanged(trx, true, true);
}

export const AGGREGATE_TABLES = [
  'agg_police_uk_street',
  'agg_stop_search',
  'agg_partner_police',
  'agg_partner_police_core',
  'agg_partner_police_time',
  'agg_partner_police_lsoa',
  'agg_partner_person',
  'agg_partner_definition',
] as const;

/** The table an aggregate fill statement inserts into. */
function filledTable(statement: string): string {
  return /INSERT INTO (\w+)/.exec(statement)?.[1] ?? '';
}
