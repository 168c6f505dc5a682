import { sql } from 'kysely';
import type { CopyValue } from '../db/copy.ts';
import { BinaryCopyRows } from './binaryCopyRows.ts';
import { fnv1a } from './fingerprint.ts';
import type { LoadContext } from './layout.ts';
import { decideSlices, SliceOutcome } from './sliceDecision.ts';
import { SliceIdReservation } from './sliceIds.ts';
import { SliceIndex, type SliceKey } from './sliceIndex.ts';
import {
  chunks,
  currentSlices,
  END_CHUNK,
  referencesCountSlice,
  settleHiddenSlices,
  SLICE_COLUMNS,
} from './storedSlices.ts';

export type { SliceKey } from './sliceIndex.ts';

/**
 * Rows sent per COPY (~2 MB of CSV): statement overhead is still negligible, and rows die young instead
 * of being promoted to V8's old space while they wait, which halved the GC's share and cut peak RSS by ~20%.
 */
const CHUNK_ROWS = 8_000;
/** Binary rows: bytes per COPY, about the same number of rows as CHUNK_ROWS. */
const CHUNK_BYTES = 2 << 20;
/**
 * COPY statements queued and not yet finished. Two: the next chunk (binary rows: already encoded) is
 * ready to start the moment the server finishes one, while this process parses the one after.
 */
const MAX_IN_FLIGHT = 2;
/**
 * On an import worker the main thread runs the queue (copiesQueuedInOrder): deeper, so that neither
 * thread waits on the other's bursts (an aggregate chunk of 131,072 rows takes PGlite a while; the
 * worker then reads on ahead). 1 GB street file on PGlite, alternated runs: 4 queued 22.5-23.9 s,
 * 12 queued 20.9-22.4 s, peak RSS unchanged (450-477 MB); at most 12 × 2 MB chunks wait.
 */
const MAX_QUEUED_ON_MAIN = 12;
/** A binary chunk buffer: CHUNK_BYTES plus room for the row that crosses it. */
const newBinaryChunk = () => new BinaryCopyRows(CHUNK_BYTES + (64 << 10));

/** The one settled promise writers return when a row needed no waiting: callers skip `await` when they get it. */
export const DONE: Promise<void> = Promise.resolve();

/**
 * Writes a file's rows grouped into revision slices (series × area × month ×
 * scope), then reconciles the slices with what is already stored (see
 * docs/decisions/0002-revision-slices.md and sliceDecision.ts): identical →
 * unchanged (the new copy is dropped), later extract → replaces the current
 * slice (kept as history), earlier extract → stored as history only.
 *
 * Rows are COPYed while the file streams, each chunk sent while the next is
 * parsed. When `table` has no foreign key to count_slice (police.uk tables,
 * see 0002/0008), a slice's count_slice row is written once, at the end, with
 * its final fingerprint and state; otherwise it must precede its rows, so it
 * is written hidden (superseded_by = own batch) and settled at the end.
 */
export class SliceWriter {
  private readonly slices = new SliceIndex();
  private readonly ids: SliceIdReservation;
  private pendingSlices: CopyValue[][] = [];
  private pendingRows: CopyValue[][] = [];
  /** COPYs still running while the next chunk is parsed, oldest first; settled before this writer's other statements. */
  private inFlight: Promise<void>[] = [];
  /** Rows in binary COPY format (binary writers only, see binaryRow). */
  private binary: BinaryCopyRows | null = null;
  /** Whether `table` references count_slice by a foreign key (slices must then be written before their rows). */
  private slicesFirst: boolean | null = null;
  private readonly rowColumns: readonly string[];
  /** Tables of rows derived from this writer's rows by slice_id (written by the caller): unchanged slices leave them too. */
  private readonly derivedTables: readonly string[];

  constructor(
    private readonly ctx: LoadContext,
    private readonly table: string,
    /** Columns of `table` after its leading slice_id column. */
    columns: readonly string[],
    /** binary: rows are written with binaryRow() in binary COPY format instead of add(). */
    options: { binary?: boolean; derivedTables?: readonly string[] } = {},
  ) {
    this.rowColumns = ['slice_id', ...columns];
    this.derivedTables = options.derivedTables ?? [];
    this.ids = new SliceIdReservation(ctx.trx);
    if (options.binary) this.binary = newBinaryChunk();
  }

  /** The database id of slice `slice` (an index from sliceOf/openSlice). */
  idOf(slice: number): number {
    return this.slices.idOf(slice);
  }

  /** Index of the slice open for `key`, or undefined: then openSlice(key). */
  sliceOf(key: SliceKey): number | undefined {
    return this.slices.find(key);
  }

  async openSlice(key: SliceKey): Promise<number> {
    return this.slices.find(key) ?? (await this.open(key));
  }

  /**
   * Binary writers: starts a row of `slice` (slice_id written) and returns the
   * buffer to write its other columns into, in column order; then rowWritten().
   */
  binaryRow(slice: number): BinaryCopyRows {
    const out = this.binary!;
    out.row(this.rowColumns.length);
    out.int8(this.slices.idOf(slice));
    return out;
  }

  /** Ends a binary row: `hash` is the row's content hash (as fnv1a of its identity), for the slice fingerprint. */
  rowWritten(slice: number, hash: number): Promise<void> {
    this.slices.addRow(slice, hash);
    return this.binary!.size >= CHUNK_BYTES ? this.flush() : DONE;
  }

  /** Adds one row. `identity` is the row's content as text, used to tell unchanged slices from revised ones. */
  add(key: SliceKey, identity: string, row: readonly CopyValue[]): Promise<void> {
    if (this.ctx.problems.any) return DONE; // the file will be rejected: stop writing, keep validating
    const slice = this.slices.find(key);
    // Not an async function: the common row costs no promise and no await inside.
    if (slice === undefined || this.pendingRows.length + 1 >= CHUNK_ROWS) return this.addSlowly(key, identity, row);
    this.push(slice, identity, row);
    return DONE;
  }

  /** Records that the file covers this slice even if it holds no rows (a month of zeros is data too). */
  async touch(key: SliceKey): Promise<{ id: number }> {
    const slice = this.slices.find(key) ?? (await this.open(key));
    return { id: this.slices.idOf(slice) };
  }

  private async addSlowly(key: SliceKey, identity: string, row: readonly CopyValue[]): Promise<void> {
    const slice = this.slices.find(key) ?? (await this.open(key));
    this.push(slice, identity, row);
    if (this.pendingRows.length >= CHUNK_ROWS) await this.flush();
  }

  private push(slice: number, identity: string, row: readonly CopyValue[]): void {
    this.slices.addRow(slice, fnv1a(identity));
    const out: CopyValue[] = new Array(row.length + 1);
    out[0] = this.slices.idOf(slice);
    for (let i = 0; i < row.length; i += 1) out[i + 1] = row[i]!;
    this.pendingRows.push(out);
  }

  private async open(key: SliceKey): Promise<number> {
    this.slicesFirst ??= await referencesCountSlice(this.ctx.trx, this.table);
    const id = await this.ids.take(() => this.settle());
    const index = this.slices.open(key, id);
    // Hidden until finish() decides (superseded_by = own batch), so readers never see a half-written slice.
    if (this.slicesFirst) this.pendingSlices.push(this.sliceRow(index, '', 0, this.ctx.batchId));
    return index;
  }

  private sliceRow(index: number, contentHash: string, rowCount: number, supersededBy: number | null): CopyValue[] {
    const s = this.slices;
    return [
      s.idOf(index),
      this.ctx.series,
      s.areaOf(index),
      s.monthOf(index),
      s.scopeOf(index),
      this.ctx.batchId,
      this.ctx.extractDate,
      contentHash,
      rowCount,
      supersededBy,
    ];
  }

  /** Sends what is buffered, in the background: the next chunk is parsed while the database takes this one. */
  private async flush(): Promise<void> {
    await this.makeRoom();
    const slices = this.pendingSlices;
    const rows = this.pendingRows;
    this.pendingSlices = [];
    this.pendingRows = [];
    if (slices.length > 0) this.send('count_slice', SLICE_COLUMNS, slices);
    if (rows.length > 0) this.send(this.table, this.rowColumns, rows);
    if (this.binary !== null && this.binary.rows > 0) {
      const data = this.binary.finish();
      this.binary = newBinaryChunk();
      this.queue(() => this.ctx.copyBinary(this.table, this.rowColumns, data));
    }
  }

  /** Queues a COPY of binary rows into another table (e.g. counts derived from these rows) behind those in flight. */
  async sendBinary(table: string, columns: readonly string[], data: Uint8Array): Promise<void> {
    await this.makeRoom();
    this.queue(() => this.ctx.copyBinary(table, columns, data));
  }

  /** Queues a COPY behind those in flight, without waiting for them. */
  private send(table: string, columns: readonly string[], rows: CopyValue[][]): void {
    this.queue(() => this.ctx.copy(table, columns, rows));
  }

  /**
   * Starts `copy` as soon as the COPY before it ends (a promise callback, run as
   * soon as this process reads the server's reply, whatever it is parsing).
   */
  private queue(copy: () => Promise<void>): void {
    const before = this.inFlight[this.inFlight.length - 1];
    // A worker's COPYs are queued by the thread that runs them (importWorker.ts), so they go at once:
    // waiting here for the last one's reply would leave that thread idle for a round trip each time.
    const sent = before && !this.ctx.copiesQueuedInOrder ? before.then(copy) : copy();
    sent.catch(() => {}); // reported by settle() or flush(), which every later step of this writer awaits
    this.inFlight.push(sent);
  }

  private get maxInFlight(): number {
    return this.ctx.copiesQueuedInOrder ? MAX_QUEUED_ON_MAIN : MAX_IN_FLIGHT;
  }

  /** Waits until fewer than maxInFlight COPYs are queued (a failed one throws here). */
  private async makeRoom(): Promise<void> {
    while (this.inFlight.length >= this.maxInFlight) await this.inFlight.shift();
  }

  private async settle(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  /** Flushes what is buffered and reconciles this batch's slices with stored ones. */
  async finish(): Promise<void> {
    if (this.ctx.problems.any) return;
    await this.flush();
    await this.settle();
    const s = this.slices;
    if (s.count === 0) return;
    const { trx, batchId, stats } = this.ctx;
    const current = await currentSlices(trx, this.ctx.series, s);
    const decision = decideSlices(
      s.count,
      (i) => s.digest(i),
      (i) => s.rowCount(i),
      current,
      this.ctx,
    );
    // Supersede first, so the one-current-slice index never sees two current copies of a key.
    for (const ids of chunks(decision.supersede)) {
      await sql`UPDATE count_slice SET superseded_by = ${batchId} WHERE id = ANY(${ids}::int8[])`.execute(trx);
    }
    const dropped = decision.unchanged.map((i) => s.idOf(i));
    if (this.slicesFirst) {
      for (const ids of chunks(dropped)) await sql`DELETE FROM count_slice WHERE id = ANY(${ids}::int8[])`.execute(trx);
      await settleHiddenSlices(trx, s, decision.outcome, decision.supersededBy);
    } else {
      for (const table of [this.table, ...this.derivedTables]) {
        for (const ids of chunks(dropped))
          await sql`DELETE FROM ${sql.table(table)} WHERE slice_id = ANY(${ids}::int8[])`.execute(trx);
      }
      await this.writeSlices(decision.outcome, decision.supersededBy);
    }
    stats.unchanged += decision.rows.unchanged;
    stats.replaced += decision.rows.replaced;
    stats.imported += decision.rows.imported;
  }

  /**
   * Writes the kept slices' count_slice rows once, with their final fingerprints
   * and state (rows-first tables). Sent in key order: inserting into the
   * one-current-slice index in order costs a third of inserting at random.
   */
  private async writeSlices(outcome: Uint8Array, supersededBy: Float64Array): Promise<void> {
    let rows: CopyValue[][] = [];
    for (const i of this.slices.inKeyOrder()) {
      if (outcome[i] === SliceOutcome.Unchanged) continue;
      rows.push(this.sliceRow(i, this.slices.digest(i), this.slices.rowCount(i), supersededBy[i] || null));
      if (rows.length === END_CHUNK) {
        await this.makeRoom();
        this.send('count_slice', SLICE_COLUMNS, rows);
        rows = [];
      }
    }
    await this.settle();
    await this.ctx.copy('count_slice', SLICE_COLUMNS, rows);
  }
}
