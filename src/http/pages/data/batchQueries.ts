import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/** How much of a batch is current, and how much is history or was superseded. */
export async function batchSliceSummary(
  db: Kysely<DB>,
  batchId: number,
): Promise<{ slices: number; current: number; rows: number }> {
  const { rows } = await sql<{ slices: number; current: number; rows: number }>`
    SELECT count(*)::int8 AS slices, count(*) FILTER (WHERE superseded_by IS NULL)::int8 AS current, coalesce(sum(row_count), 0)::int8 AS rows
    FROM count_slice WHERE batch_id = ${batchId}`.execute(db);
  const r = rows[0];
  return { slices: Number(r?.slices ?? 0), current: Number(r?.current ?? 0), rows: Number(r?.rows ?? 0) };
}

export interface CountRow {
  area_code: string;
  month: string;
  major: string;
  minor: string;
  measure: string;
  value: number;
}

/** The counts a batch holds (current and history), for export. */
export async function batchCounts(db: Kysely<DB>, batchId: number, limit = 1_000_000): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    SELECT s.area_code, s.month::text AS month, oc.major, oc.minor, c.measure, c.value
    FROM count_slice s JOIN crime_count c ON c.slice_id = s.id JOIN offence_category oc ON oc.id = c.category_id
    WHERE s.batch_id = ${batchId}
    ORDER BY s.area_code, s.month, oc.major, oc.minor, c.measure
    LIMIT ${limit}`.execute(db);
  return rows;
}
