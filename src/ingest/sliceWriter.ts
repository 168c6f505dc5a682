import { sql } from 'kysely';
import type { CopyValue } from '../db/copy.ts';
import { MultisetFingerprint } from './fingerprint.ts';
import type { LoadContext } from './layout.ts';

export interface SliceKey {
  areaCode: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  /** What else bounds the slice, e.g. the force and crime type of police.uk rows; '' for none. */
  scope: string;
}

interface OpenSlice {
  id: number;
  fingerprint: MultisetFingerprint;
}

const CHUNK_ROWS = 20_000;

/**
 * Writes a file's rows grouped into revision slices (series × area × month ×
 * scope), then reconciles the slices with what is already stored:
 * identical → unchanged (the new copy is dropped), later extract → replaces
 * the current slice (kept as history), earlier extract → stored as history only.
 */
export class SliceWriter {
  private readonly slices = new Map<string, OpenSlice>();
  private pendingSlices: CopyValue[][] = [];
  private pendingRows: CopyValue[][] = [];
  private reservedIds: number[] = [];

  constructor(
    private readonly ctx: LoadContext,
    private readonly table: string,
    /** Columns of `table` after its leading slice_id column. */
    private readonly columns: readonly string[],
  ) {}

  /** Adds one row. `identity` is the row's content as text, used to tell unchanged slices from revised ones. */
  async add(key: SliceKey, identity: string, row: readonly CopyValue[]): Promise<void> {
    if (this.ctx.problems.any) return; // the file will be rejected: stop writing, keep validating
    const slice = await this.touch(key);
    slice.fingerprint.add(identity);
    this.pendingRows.push([slice.id, ...row]);
    if (this.pendingRows.length >= CHUNK_ROWS) await this.flush();
  }

  /** Records that the file covers this slice even if it holds no rows (a month of zeros is data too). */
  async touch(key: SliceKey): Promise<OpenSlice> {
    const mapKey = `${key.areaCode}\u0001${key.month}\u0001${key.scope}`;
    let slice = this.slices.get(mapKey);
    if (!slice) {
      slice = { id: await this.nextSliceId(), fingerprint: new MultisetFingerprint() };
      this.slices.set(mapKey, slice);
      this.pendingSlices.push([
        slice.id, this.ctx.series, key.areaCode, key.month, key.scope, this.ctx.batchId, this.ctx.extractDate, '', 0, this.ctx.batchId,
      ]);
    }
    return slice;
  }

  private async nextSliceId(): Promise<number> {
    if (this.reservedIds.length === 0) {
      const { rows } = await sql<{ id: number }>`
        SELECT nextval(pg_get_serial_sequence('count_slice', 'id'))::int8 AS id FROM generate_series(1, 2000)`.execute(this.ctx.trx);
      this.reservedIds = rows.map((r) => Number(r.id)).reverse();
    }
    return this.reservedIds.pop()!;
  }

  private async flush(): Promise<void> {
    if (this.pendingSlices.length > 0) {
      await this.ctx.copy('count_slice', SLICE_COLUMNS, this.pendingSlices);
      this.pendingSlices = [];
    }
    if (this.pendingRows.length > 0) {
      await this.ctx.copy(this.table, ['slice_id', ...this.columns], this.pendingRows);
      this.pendingRows = [];
    }
  }

  /** Flushes what is buffered and reconciles this batch's slices with stored ones. */
  async finish(): Promise<void> {
    if (this.ctx.problems.any) return;
    await this.flush();
    if (this.slices.size === 0) return;
    const { trx, batchId, stats } = this.ctx;
    await sql`CREATE TEMP TABLE slice_fingerprint (id int8 PRIMARY KEY, content_hash text, row_count int) ON COMMIT DROP`.execute(trx);
    const fingerprints = [...this.slices.values()].map((s) => [s.id, s.fingerprint.digest(), s.fingerprint.count]);
    await this.ctx.copy('slice_fingerprint', ['id', 'content_hash', 'row_count'], fingerprints);
    await sql`UPDATE count_slice s SET content_hash = f.content_hash, row_count = f.row_count
              FROM slice_fingerprint f WHERE s.id = f.id`.execute(trx);
    await sql`DROP TABLE slice_fingerprint`.execute(trx);
    const outcome = await reconcileSlices(trx, batchId);
    stats.unchanged += outcome.unchanged;
    stats.replaced += outcome.replaced;
    stats.imported += outcome.imported;
  }
}

const SLICE_COLUMNS = [
  'id', 'series', 'area_code', 'month', 'scope', 'batch_id', 'extract_date', 'content_hash', 'row_count', 'superseded_by',
] as const;

/**
 * The batch's slices arrive hidden (superseded_by = own batch). This decides,
 * per slice key, which copy is current. Set-based, so it costs a few
 * statements however many slices a file has.
 */
export async function reconcileSlices(
  trx: LoadContext['trx'],
  batchId: number,
): Promise<{ imported: number; unchanged: number; replaced: number }> {
  const sameKey = sql`c.series = n.series AND c.area_code = n.area_code AND c.month = n.month AND c.scope = n.scope`;
  const unchanged = await sql<{ rows: number }>`
    WITH gone AS (
      DELETE FROM count_slice n USING count_slice c
      WHERE n.batch_id = ${batchId} AND n.superseded_by = ${batchId} AND c.superseded_by IS NULL AND ${sameKey}
        AND c.content_hash = n.content_hash
      RETURNING n.row_count)
    SELECT coalesce(sum(row_count), 0)::int8 AS rows FROM gone`.execute(trx);
  const history = await sql<{ rows: number }>`
    WITH older AS (
      UPDATE count_slice n SET superseded_by = c.batch_id FROM count_slice c
      WHERE n.batch_id = ${batchId} AND n.superseded_by = ${batchId} AND c.superseded_by IS NULL AND ${sameKey}
        AND c.extract_date > n.extract_date
      RETURNING n.row_count)
    SELECT coalesce(sum(row_count), 0)::int8 AS rows FROM older`.execute(trx);
  const replaced = await sql<{ rows: number }>`
    WITH revised AS (
      UPDATE count_slice c SET superseded_by = ${batchId} FROM count_slice n
      WHERE n.batch_id = ${batchId} AND n.superseded_by = ${batchId} AND c.superseded_by IS NULL AND ${sameKey}
      RETURNING n.row_count)
    SELECT coalesce(sum(row_count), 0)::int8 AS rows FROM revised`.execute(trx);
  const fresh = await sql<{ rows: number }>`
    WITH made AS (
      UPDATE count_slice SET superseded_by = NULL WHERE batch_id = ${batchId} AND superseded_by = ${batchId}
      RETURNING row_count)
    SELECT coalesce(sum(row_count), 0)::int8 AS rows FROM made`.execute(trx);
  const n = (r: { rows: { rows: number }[] }) => Number(r.rows[0]?.rows ?? 0);
  const replacedRows = n(replaced);
  return {
    unchanged: n(unchanged),
    replaced: replacedRows,
    // Rows of older extracts are kept as history; they count as imported, not current.
    imported: n(fresh) - replacedRows + n(history),
  };
}
