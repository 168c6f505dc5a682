import { sql } from 'kysely';
import type { CopyValue } from '../db/copy.ts';
import { fnv1a } from './fingerprint.ts';
import type { LoadContext } from './layout.ts';
import { decideSlices, SliceOutcome, type CurrentSlice } from './sliceDecision.ts';

export interface SliceKey {
  areaCode: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  /** What else bounds the slice, e.g. the force and crime type of police.uk rows; '' for none. */
  scope: string;
}

/**
 * Rows sent per COPY (~2 MB of CSV): statement overhead is still negligible, and rows die young instead
 * of being promoted to V8's old space while they wait, which halved the GC's share and cut peak RSS by ~20%.
 */
const CHUNK_ROWS = 8_000;
/** Slice ids reserved from the sequence per round trip: few for a small file, doubling for a big one. */
const FIRST_RESERVATION = 1_000;
const MAX_RESERVATION = 65_536;
/** Slices per statement (array parameters, COPY) when reconciling at the end. */
const END_CHUNK = 50_000;

const AREA_SPAN = 2 ** 24;
const SCOPE_SPAN = 2 ** 16;
const MONTH_SPAN = 2 ** 13;

const DONE: Promise<void> = Promise.resolve();

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
  private readonly areas = new Map<string, number>();
  private readonly months = new Map<string, number>();
  private readonly scopes = new Map<string, number>();
  private readonly names: { areas: string[]; months: string[]; scopes: string[] } = { areas: [], months: [], scopes: [] };
  /**
   * Slice index + 1 by month, per interned area × scope. A file has a few
   * thousand area × scope pairs but millions of slices: one small typed array
   * per pair costs far less memory than a Map entry per slice.
   */
  private readonly byAreaScope = new Map<number, Int32Array>();
  private sliceIds = new Float64Array(1024);
  /** Per slice: its interned area, month and scope. */
  private sliceKeys = new Uint32Array(1024 * 3);
  /** Per slice: the order-independent fingerprint of its rows (sum, xor, sum of squares of row hashes) and the row count. */
  private fingerprints = new Uint32Array(1024 * 4);
  private sliceCount = 0;
  private pendingSlices: CopyValue[][] = [];
  private pendingRows: CopyValue[][] = [];
  private reserved: { next: number; end: number; size: number } = { next: 0, end: 0, size: FIRST_RESERVATION };
  /** The COPY still running while the next chunk is parsed; awaited before the next statement of this writer. */
  private inFlight: Promise<void> | null = null;
  /** Whether `table` references count_slice by a foreign key (slices must then be written before their rows). */
  private slicesFirst: boolean | null = null;
  private readonly rowColumns: readonly string[];

  constructor(
    private readonly ctx: LoadContext,
    private readonly table: string,
    /** Columns of `table` after its leading slice_id column. */
    columns: readonly string[],
    /** Kept for callers written before it was detected from the schema: whether slices may follow their rows. */
    _options: { slicesAtEnd?: boolean } = {},
  ) {
    this.rowColumns = ['slice_id', ...columns];
  }

  /** Adds one row. `identity` is the row's content as text, used to tell unchanged slices from revised ones. */
  add(key: SliceKey, identity: string, row: readonly CopyValue[]): Promise<void> {
    if (this.ctx.problems.any) return DONE; // the file will be rejected: stop writing, keep validating
    const slice = this.find(key);
    // Not an async function: the common row costs no promise and no await inside.
    if (slice === undefined || this.pendingRows.length + 1 >= CHUNK_ROWS) return this.addSlowly(key, identity, row);
    this.push(slice, identity, row);
    return DONE;
  }

  /** Records that the file covers this slice even if it holds no rows (a month of zeros is data too). */
  async touch(key: SliceKey): Promise<{ id: number }> {
    const slice = this.find(key) ?? (await this.open(key));
    return { id: this.sliceIds[slice]! };
  }

  private async addSlowly(key: SliceKey, identity: string, row: readonly CopyValue[]): Promise<void> {
    const slice = this.find(key) ?? (await this.open(key));
    this.push(slice, identity, row);
    if (this.pendingRows.length >= CHUNK_ROWS) await this.flush();
  }

  private push(slice: number, identity: string, row: readonly CopyValue[]): void {
    const h = fnv1a(identity);
    const f = this.fingerprints;
    const at = slice * 4;
    f[at] = (f[at]! + h) >>> 0;
    f[at + 1] = (f[at + 1]! ^ h) >>> 0;
    f[at + 2] = (f[at + 2]! + Math.imul(h, h | 1)) >>> 0;
    f[at + 3] = f[at + 3]! + 1;
    const out: CopyValue[] = new Array(row.length + 1);
    out[0] = this.sliceIds[slice]!;
    for (let i = 0; i < row.length; i += 1) out[i + 1] = row[i]!;
    this.pendingRows.push(out);
  }

  /** Index of the slice already open for `key`, if any. */
  private find(key: SliceKey): number | undefined {
    const area = this.areas.get(key.areaCode);
    const scope = this.scopes.get(key.scope);
    const month = this.months.get(key.month);
    if (area === undefined || month === undefined || scope === undefined) return undefined;
    const found = this.byAreaScope.get(area * SCOPE_SPAN + scope)?.[month];
    return found ? found - 1 : undefined;
  }

  private async open(key: SliceKey): Promise<number> {
    this.slicesFirst ??= await referencesCountSlice(this.ctx.trx, this.table);
    const area = intern(this.areas, this.names.areas, key.areaCode, AREA_SPAN, 'areas');
    const month = intern(this.months, this.names.months, key.month, MONTH_SPAN, 'months');
    const scope = intern(this.scopes, this.names.scopes, key.scope, SCOPE_SPAN, 'scopes');
    const id = await this.nextSliceId();
    const index = this.sliceCount;
    if (index === this.sliceIds.length) this.growSlices();
    this.sliceIds[index] = id;
    this.sliceKeys[index * 3] = area;
    this.sliceKeys[index * 3 + 1] = month;
    this.sliceKeys[index * 3 + 2] = scope;
    this.sliceCount += 1;
    const pair = area * SCOPE_SPAN + scope;
    let byMonth = this.byAreaScope.get(pair);
    if (byMonth === undefined || byMonth.length <= month) {
      const grown = new Int32Array(Math.max(month + 1, (byMonth?.length ?? 4) * 2));
      if (byMonth) grown.set(byMonth);
      byMonth = grown;
      this.byAreaScope.set(pair, byMonth);
    }
    byMonth[month] = index + 1;
    // Hidden until finish() decides (superseded_by = own batch), so readers never see a half-written slice.
    if (this.slicesFirst) this.pendingSlices.push(this.sliceRow(index, '', 0, this.ctx.batchId));
    return index;
  }

  private sliceRow(index: number, contentHash: string, rowCount: number, supersededBy: number | null): CopyValue[] {
    const k = index * 3;
    return [
      this.sliceIds[index]!, this.ctx.series, this.names.areas[this.sliceKeys[k]!]!, this.names.months[this.sliceKeys[k + 1]!]!,
      this.names.scopes[this.sliceKeys[k + 2]!]!, this.ctx.batchId, this.ctx.extractDate, contentHash, rowCount, supersededBy,
    ];
  }

  private digest(slice: number): string {
    const f = this.fingerprints;
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const at = slice * 4;
    return `${hex(f[at]!)}${hex(f[at + 1]!)}${hex(f[at + 2]!)}-${f[at + 3]!}`;
  }

  private growSlices(): void {
    const ids = new Float64Array(this.sliceIds.length * 2);
    ids.set(this.sliceIds);
    this.sliceIds = ids;
    const fingerprints = new Uint32Array(this.fingerprints.length * 2);
    fingerprints.set(this.fingerprints);
    this.fingerprints = fingerprints;
    const keys = new Uint32Array(this.sliceKeys.length * 2);
    keys.set(this.sliceKeys);
    this.sliceKeys = keys;
  }

  /** Ids come from count_slice's own sequence, reserved in blocks, so rows can carry them before the slice is written. */
  private async nextSliceId(): Promise<number> {
    const r = this.reserved;
    if (r.next === r.end) {
      await this.settle();
      const { rows } = await sql<{ first: number }>`
        SELECT min(id)::int8 AS first, max(id)::int8 AS last FROM (
          SELECT nextval(pg_get_serial_sequence('count_slice', 'id')) AS id FROM generate_series(1, ${r.size})) s`.execute(this.ctx.trx);
      const { first, last } = rows[0] as unknown as { first: number; last: number };
      // Consecutive unless another session draws from the sequence at the same time; then fall back to one by one.
      if (Number(last) - Number(first) + 1 === r.size) {
        r.next = Number(first);
        r.end = Number(last) + 1;
      } else {
        const one = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('count_slice', 'id'))::int8 AS id`.execute(this.ctx.trx);
        r.next = Number(one.rows[0]!.id);
        r.end = r.next + 1;
      }
      r.size = Math.min(MAX_RESERVATION, r.size * 2);
    }
    const id = r.next;
    r.next += 1;
    return id;
  }

  /** Sends what is buffered, in the background: the next chunk is parsed while the database takes this one. */
  private async flush(): Promise<void> {
    await this.settle();
    const slices = this.pendingSlices;
    const rows = this.pendingRows;
    this.pendingSlices = [];
    this.pendingRows = [];
    if (slices.length > 0) this.send('count_slice', SLICE_COLUMNS, slices);
    if (rows.length > 0) this.send(this.table, this.rowColumns, rows);
  }

  /** Starts a COPY after the one in flight, if any, without waiting for it. */
  private send(table: string, columns: readonly string[], rows: CopyValue[][]): void {
    const before = this.inFlight;
    const sent = (async () => {
      if (before) await before;
      await this.ctx.copy(table, columns, rows);
    })();
    sent.catch(() => {}); // reported by settle(), which every later step of this writer awaits
    this.inFlight = sent;
  }

  private async settle(): Promise<void> {
    const sent = this.inFlight;
    this.inFlight = null;
    if (sent) await sent;
  }

  /** Flushes what is buffered and reconciles this batch's slices with stored ones. */
  async finish(): Promise<void> {
    if (this.ctx.problems.any) return;
    await this.flush();
    await this.settle();
    if (this.sliceCount === 0) return;
    const current = await this.currentSlices();
    const decision = decideSlices(this.sliceCount, (i) => this.digest(i), (i) => this.fingerprints[i * 4 + 3]!, current, this.ctx);
    const { trx, batchId, stats } = this.ctx;
    // Supersede first, so the one-current-slice index never sees two current copies of a key.
    for (const ids of chunks(decision.supersede)) {
      await sql`UPDATE count_slice SET superseded_by = ${batchId} WHERE id = ANY(${ids}::int8[])`.execute(trx);
    }
    const dropped = decision.unchanged.map((i) => this.sliceIds[i]!);
    if (this.slicesFirst) {
      for (const ids of chunks(dropped)) await sql`DELETE FROM count_slice WHERE id = ANY(${ids}::int8[])`.execute(trx);
      await this.settleHiddenSlices(decision.outcome, decision.supersededBy);
    } else {
      for (const ids of chunks(dropped)) await sql`DELETE FROM ${sql.table(this.table)} WHERE slice_id = ANY(${ids}::int8[])`.execute(trx);
      await this.writeSlices(decision.outcome, decision.supersededBy);
    }
    stats.unchanged += decision.rows.unchanged;
    stats.replaced += decision.rows.replaced;
    stats.imported += decision.rows.imported;
  }

  /**
   * The current slice of each of this batch's keys, if any. A first import of
   * new months costs one indexed probe; otherwise the keys are sent as arrays
   * and joined to the one-current-slice index.
   */
  private async currentSlices(): Promise<Map<number, CurrentSlice>> {
    const { trx, series } = this.ctx;
    const found = new Map<number, CurrentSlice>();
    const any = await sql`SELECT 1 FROM count_slice WHERE series = ${series} AND superseded_by IS NULL
                          AND month = ANY(${this.names.months}::date[]) LIMIT 1`.execute(trx);
    if (any.rows.length === 0) return found;
    for (let start = 0; start < this.sliceCount; start += END_CHUNK) {
      const end = Math.min(this.sliceCount, start + END_CHUNK);
      const areas: string[] = [];
      const months: string[] = [];
      const scopes: string[] = [];
      for (let i = start; i < end; i += 1) {
        areas.push(this.names.areas[this.sliceKeys[i * 3]!]!);
        months.push(this.names.months[this.sliceKeys[i * 3 + 1]!]!);
        scopes.push(this.names.scopes[this.sliceKeys[i * 3 + 2]!]!);
      }
      const { rows } = await sql<{ i: number; id: number; extract_date: string; content_hash: string; batch_id: number }>`
        SELECT k.i + ${start} AS i, c.id, c.extract_date::text AS extract_date, c.content_hash, c.batch_id
        FROM unnest(${areas}::text[], ${months}::date[], ${scopes}::text[]) WITH ORDINALITY AS k(area_code, month, scope, i)
        JOIN count_slice c ON c.series = ${series} AND c.area_code = k.area_code AND c.month = k.month AND c.scope = k.scope
          AND c.superseded_by IS NULL`.execute(trx);
      for (const r of rows) {
        found.set(Number(r.i) - 1, { id: Number(r.id), extractDate: r.extract_date, contentHash: r.content_hash, batchId: Number(r.batch_id) });
      }
    }
    return found;
  }

  /**
   * Writes the kept slices' count_slice rows once, with their final fingerprints
   * and state (rows-first tables). Sent in key order: inserting into the
   * one-current-slice index in order costs a third of inserting at random.
   */
  private async writeSlices(outcome: Uint8Array, supersededBy: Float64Array): Promise<void> {
    let rows: CopyValue[][] = [];
    for (const i of this.inKeyOrder()) {
      if (outcome[i] === SliceOutcome.Unchanged) continue;
      rows.push(this.sliceRow(i, this.digest(i), this.fingerprints[i * 4 + 3]!, supersededBy[i] || null));
      if (rows.length === END_CHUNK) {
        await this.settle();
        this.send('count_slice', SLICE_COLUMNS, rows);
        rows = [];
      }
    }
    await this.settle();
    await this.ctx.copy('count_slice', SLICE_COLUMNS, rows);
  }

  /** Slice indexes ordered by area, month and scope (as the index sorts them), from packed ranks: no string comparison per pair. */
  private *inKeyOrder(): Generator<number> {
    const rank = (names: readonly string[]) => {
      const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
      const ranks = new Uint32Array(names.length);
      order.forEach((id, r) => (ranks[id] = r));
      return { ranks, order };
    };
    const areas = rank(this.names.areas);
    const months = rank(this.names.months);
    const scopes = rank(this.names.scopes);
    // area (24 bits) · month (13) · scope (16) = 53 bits: exact in a double, and unique per slice.
    const keys = new Float64Array(this.sliceCount);
    for (let i = 0; i < this.sliceCount; i += 1) {
      const k = i * 3;
      keys[i] = (areas.ranks[this.sliceKeys[k]!]! * MONTH_SPAN + months.ranks[this.sliceKeys[k + 1]!]!) * SCOPE_SPAN + scopes.ranks[this.sliceKeys[k + 2]!]!;
    }
    keys.sort();
    for (const key of keys) {
      const scope = scopes.order[key % SCOPE_SPAN]!;
      const rest = Math.floor(key / SCOPE_SPAN);
      const month = months.order[rest % MONTH_SPAN]!;
      const area = areas.order[Math.floor(rest / MONTH_SPAN)]!;
      yield this.byAreaScope.get(area * SCOPE_SPAN + scope)![month]! - 1;
    }
  }

  /** Gives the hidden slices (written before their rows) their fingerprints and final state. */
  private async settleHiddenSlices(outcome: Uint8Array, supersededBy: Float64Array): Promise<void> {
    let ids: number[] = [];
    let hashes: string[] = [];
    let counts: number[] = [];
    let by: (number | null)[] = [];
    const send = async () => {
      if (ids.length === 0) return;
      await sql`UPDATE count_slice s SET content_hash = u.content_hash, row_count = u.row_count, superseded_by = u.superseded_by
                FROM unnest(${ids}::int8[], ${hashes}::text[], ${counts}::int4[], ${by}::int4[]) AS u(id, content_hash, row_count, superseded_by)
                WHERE s.id = u.id`.execute(this.ctx.trx);
      ids = [];
      hashes = [];
      counts = [];
      by = [];
    };
    for (let i = 0; i < this.sliceCount; i += 1) {
      if (outcome[i] === SliceOutcome.Unchanged) continue;
      ids.push(this.sliceIds[i]!);
      hashes.push(this.digest(i));
      counts.push(this.fingerprints[i * 4 + 3]!);
      by.push(supersededBy[i] || null);
      if (ids.length === END_CHUNK) await send();
    }
    await send();
  }
}

/** Whether `table` has a foreign key to count_slice: its rows cannot then precede their slice. */
async function referencesCountSlice(trx: LoadContext['trx'], table: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int4 AS n FROM pg_constraint
    WHERE contype = 'f' AND conrelid = to_regclass(${table}) AND confrelid = 'count_slice'::regclass`.execute(trx);
  return Number(rows[0]?.n ?? 0) > 0;
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += END_CHUNK) yield items.slice(start, start + END_CHUNK);
}

function intern(ids: Map<string, number>, names: string[], value: string, span: number, what: string): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = ids.size;
    if (id >= span) throw new Error(`SliceWriter: more than ${span} distinct ${what} in one file`);
    const name = detach(value);
    ids.set(name, id);
    names.push(name);
  }
  return id;
}

/**
 * A flat copy of a string. Cells cut from a decoded chunk can share the
 * chunk's memory; a key kept for the whole import must not hold 1 MB chunks alive.
 */
function detach(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

const SLICE_COLUMNS = [
  'id', 'series', 'area_code', 'month', 'scope', 'batch_id', 'extract_date', 'content_hash', 'row_count', 'superseded_by',
] as const;
