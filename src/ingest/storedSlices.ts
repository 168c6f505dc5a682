import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { SliceIndex } from './sliceIndex.ts';
import { SliceOutcome, type CurrentSlice } from './sliceDecision.ts';

/** Slices per statement (array parameters, COPY) when reconciling at the end of a file. */
export const END_CHUNK = 50_000;

export const SLICE_COLUMNS = [
  'id',
  'series',
  'area_code',
  'month',
  'scope',
  'batch_id',
  'extract_date',
  'content_hash',
  'row_count',
  'superseded_by',
] as const;

/**
 * The current stored slice of each of a file's keys, if any, by slice index.
 * A first import of new months costs one indexed probe; otherwise the keys
 * are sent as arrays and joined to the one-current-slice index.
 */
export async function currentSlices(
  trx: Kysely<DB>,
  series: string,
  index: SliceIndex,
): Promise<Map<number, CurrentSlice>> {
  const found = new Map<number, CurrentSlice>();
  const any = await sql`SELECT 1 FROM count_slice WHERE series = ${series} AND superseded_by IS NULL
                        AND month = ANY(${index.names.months}::date[]) LIMIT 1`.execute(trx);
  if (any.rows.length === 0) return found;
  for (let start = 0; start < index.count; start += END_CHUNK) {
    const end = Math.min(index.count, start + END_CHUNK);
    const areas: string[] = [];
    const months: string[] = [];
    const scopes: string[] = [];
    for (let i = start; i < end; i += 1) {
      areas.push(index.areaOf(i));
      months.push(index.monthOf(i));
      scopes.push(index.scopeOf(i));
    }
    const { rows } = await sql<{ i: number; id: number; extract_date: string; content_hash: string; batch_id: number }>`
      SELECT k.i + ${start} AS i, c.id, c.extract_date::text AS extract_date, c.content_hash, c.batch_id
      FROM unnest(${areas}::text[], ${months}::date[], ${scopes}::text[]) WITH ORDINALITY AS k(area_code, month, scope, i)
      JOIN count_slice c ON c.series = ${series} AND c.area_code = k.area_code AND c.month = k.month AND c.scope = k.scope
        AND c.superseded_by IS NULL`.execute(trx);
    for (const r of rows) {
      found.set(Number(r.i) - 1, {
        id: Number(r.id),
        extractDate: r.extract_date,
        contentHash: r.content_hash,
        batchId: Number(r.batch_id),
      });
    }
  }
  return found;
}

/** Gives slices written hidden, before their rows, their fingerprints and final state. */
export async function settleHiddenSlices(
  trx: Kysely<DB>,
  index: SliceIndex,
  outcome: Uint8Array,
  supersededBy: Float64Array,
): Promise<void> {
  let ids: number[] = [];
  let hashes: string[] = [];
  let counts: number[] = [];
  let by: (number | null)[] = [];
  const send = async () => {
    if (ids.length === 0) return;
    await sql`UPDATE count_slice s SET content_hash = u.content_hash, row_count = u.row_count, superseded_by = u.superseded_by
              FROM unnest(${ids}::int8[], ${hashes}::text[], ${counts}::int4[], ${by}::int4[]) AS u(id, content_hash, row_count, superseded_by)
              WHERE s.id = u.id`.execute(trx);
    ids = [];
    hashes = [];
    counts = [];
    by = [];
  };
  for (let i = 0; i < index.count; i += 1) {
    if (outcome[i] === SliceOutcome.Unchanged) continue;
    ids.push(index.idOf(i));
    hashes.push(index.digest(i));
    counts.push(index.rowCount(i));
    by.push(supersededBy[i] || null);
    if (ids.length === END_CHUNK) await send();
  }
  await send();
}

/** Whether `table` has a foreign key to count_slice: its rows cannot then precede their slice. */
export async function referencesCountSlice(trx: Kysely<DB>, table: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int4 AS n FROM pg_constraint
    WHERE contype = 'f' AND conrelid = to_regclass(${table}) AND confrelid = 'count_slice'::regclass`.execute(trx);
  return Number(rows[0]?.n ?? 0) > 0;
}

export function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += END_CHUNK) yield items.slice(start, start + END_CHUNK);
}
