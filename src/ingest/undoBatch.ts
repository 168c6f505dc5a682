import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export class UndoRefusedError extends Error {
  readonly code = 'UNDO_REFUSED';
}

export interface UndoOutcome {
  batchId: number;
  slicesRemoved: number;
  /** Slices of earlier batches made current again. */
  slicesRestored: number;
}

/**
 * Removes one import batch so that every figure returns to what it was
 * before the batch: its slices (and, by cascade, their rows) are deleted, and
 * for every slice key it touched the remaining slice with the latest extract
 * date (ties: the highest batch id, as sliceDecision.ts decides) becomes
 * current again, with the history links re-threaded in extract order. The
 * batch row stays, marked 'undone', so the audit trail still has something to
 * point at. Run it inside the caller's transaction.
 */
export async function undoImportBatch(trx: Kysely<DB>, batchId: number): Promise<UndoOutcome> {
  const batch = await sql<{
    status: string;
    series: string;
  }>`SELECT status, series FROM import_batch WHERE id = ${batchId} FOR UPDATE`.execute(trx);
  const found = batch.rows[0];
  if (found === undefined) throw new UndoRefusedError(`there is no import batch ${batchId}`);
  if (found.status !== 'imported') throw new UndoRefusedError(`import batch ${batchId} has already been undone`);
  // A later batch of the series keeps no copy of slices identical to this
  // batch's ("unchanged"), so it relies on them: undo in reverse order.
  const later = await trx
    .selectFrom('import_batch')
    .select('id')
    .where('series', '=', found.series)
    .where('status', '=', 'imported')
    .where('id', '>', batchId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (later) {
    throw new UndoRefusedError(
      `undo import batch ${later.id} first: it was imported later into the same series (${found.series}) and may rely on figures from batch ${batchId}`,
    );
  }

  // Reference data (populations, lookups, boundaries) is kept by batch, not in
  // revision slices; there is no earlier copy to restore, so refuse rather than
  // leave figures that no longer match the batch list.
  const byBatch = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'batch_id' AND table_name NOT IN ('count_slice', 'area')
    ORDER BY table_name`.execute(trx);
  for (const { table_name } of byBatch.rows) {
    const held = await sql`SELECT 1 FROM ${sql.table(table_name)} WHERE batch_id = ${batchId} LIMIT 1`.execute(trx);
    if (held.rows.length > 0) {
      throw new UndoRefusedError(
        `import batch ${batchId} holds reference data (${table_name}) that has no earlier copy to restore; import a corrected file instead`,
      );
    }
  }

  await sql`CREATE TEMP TABLE undo_slice_key (series text, area_code text, month date, scope text) ON COMMIT DROP`.execute(
    trx,
  );
  await sql`INSERT INTO undo_slice_key
            SELECT DISTINCT series, area_code, month, scope FROM count_slice
            WHERE batch_id = ${batchId} OR superseded_by = ${batchId}`.execute(trx);
  const removed = await sql`DELETE FROM count_slice WHERE batch_id = ${batchId}`.execute(trx);

  // Order what is left of each key by extract; each slice is superseded by the next one.
  const ranked = sql`
    SELECT s.id, lead(s.batch_id) OVER w AS next_batch, row_number() OVER (PARTITION BY s.series, s.area_code, s.month, s.scope ORDER BY s.extract_date DESC, s.batch_id DESC) AS newest
    FROM count_slice s JOIN undo_slice_key k
      ON k.series = s.series AND k.area_code = s.area_code AND k.month = s.month AND k.scope = s.scope
    WINDOW w AS (PARTITION BY s.series, s.area_code, s.month, s.scope ORDER BY s.extract_date, s.batch_id)`;
  // History first, then the current slice, so the one-current-slice index never sees two.
  await sql`UPDATE count_slice c SET superseded_by = r.next_batch FROM (${ranked}) r
            WHERE c.id = r.id AND r.newest > 1 AND c.superseded_by IS DISTINCT FROM r.next_batch`.execute(trx);
  const restored = await sql`UPDATE count_slice c SET superseded_by = NULL FROM (${ranked}) r
            WHERE c.id = r.id AND r.newest = 1 AND c.superseded_by IS NOT NULL`.execute(trx);
  await sql`DROP TABLE undo_slice_key`.execute(trx);
  await trx.updateTable('import_batch').set({ status: 'undone' }).where('id', '=', batchId).execute();
  return {
    batchId,
    slicesRemoved: Number(removed.numAffectedRows ?? 0),
    slicesRestored: Number(restored.numAffectedRows ?? 0),
  };
}
