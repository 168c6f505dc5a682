import { BinaryCopyRows } from '../binaryCopyRows.ts';

/** agg_police_uk_street's columns, in the order drain() writes them. */
export const POINT_COUNT_COLUMNS = ['slice_id', 'category_id', 'lsoa_code', 'longitude', 'latitude', 'n'] as const;

/**
 * agg_police_uk_street counted while a street file is read (crimes per slice
 * × crime type × LSOA × map point), instead of by an INSERT … SELECT … GROUP BY
 * over the file's rows once they are stored: that statement was 30–40% of a
 * big import on PostgreSQL (3.1 s of 8.4 s for 897,141 rows) and read every
 * row back. Counts are kept in typed arrays and drained, sorted by slice,
 * whenever `limit` groups are held; a group split between two drains is two
 * rows, which every reader sums (sum(n)), as it sums a point's crime types.
 */
export class StreetPointCounts {
  private slots: Int32Array;
  private slice: Int32Array;
  private category: Int32Array;
  private lsoa: Int32Array;
  private lon: Float64Array;
  private lat: Float64Array;
  private n: Int32Array;
  private readonly lsoaIds = new Map<string, number>();
  /** Each LSOA code's bytes (GSS codes are ASCII), written as they are. */
  private readonly lsoaBytes: Buffer[] = [];
  private readonly bits = new Float64Array(1);
  private readonly bitWords = new Int32Array(this.bits.buffer);
  count = 0;

  constructor(readonly limit = 1 << 17) {
    this.slots = new Int32Array(limit * 2);
    this.slice = new Int32Array(limit);
    this.category = new Int32Array(limit);
    this.lsoa = new Int32Array(limit);
    this.lon = new Float64Array(limit);
    this.lat = new Float64Array(limit);
    this.n = new Int32Array(limit);
  }

  /** A small id for an LSOA code (-1 for none), to count by. */
  lsoaId(code: string | null): number {
    if (code === null) return -1;
    let id = this.lsoaIds.get(code);
    if (id === undefined) {
      id = this.lsoaBytes.push(Buffer.from(code, 'latin1')) - 1;
      this.lsoaIds.set(code, id);
    }
    return id;
  }

  /** Counts one crime; lon and lat are NaN when it has no location. True when `limit` groups are held (drain now). */
  add(slice: number, category: number, lsoa: number, lon: number, lat: number): boolean {
    const mask = this.slots.length - 1;
    let h = Math.imul(slice, 0x9e3779b1) ^ Math.imul(category + 1, 0x85ebca6b) ^ Math.imul(lsoa + 2, 0xc2b2ae35);
    h = this.mix(this.mix(h, lon), lat);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot]!;
      if (at === 0) {
        const i = this.count++;
        this.slots[slot] = i + 1;
        this.slice[i] = slice;
        this.category[i] = category;
        this.lsoa[i] = lsoa;
        this.lon[i] = lon;
        this.lat[i] = lat;
        this.n[i] = 1;
        return this.count >= this.limit;
      }
      const i = at - 1;
      if (
        this.slice[i] === slice &&
        this.category[i] === category &&
        this.lsoa[i] === lsoa &&
        same(this.lon[i]!, lon) &&
        same(this.lat[i]!, lat)
      ) {
        this.n[i] = this.n[i]! + 1;
        return false;
      }
    }
  }

  /** The counted groups as binary COPY rows for agg_police_uk_street, in slice order; empties the counts. */
  drain(idOf: (slice: number) => number): Uint8Array | null {
    if (this.count === 0) return null;
    const order = this.sliceOrder();
    const out = new BinaryCopyRows(this.count * 48 + 64);
    for (const i of order) {
      out.row(POINT_COUNT_COLUMNS.length);
      out.int8(idOf(this.slice[i]!));
      out.int4(this.category[i]!);
      const lsoa = this.lsoa[i]!;
      if (lsoa < 0) out.nullField();
      else out.bytesHashed(this.lsoaBytes[lsoa]!, 0, this.lsoaBytes[lsoa]!.length, 0);
      nullableFloat(out, this.lon[i]!);
      nullableFloat(out, this.lat[i]!);
      out.int4(this.n[i]!);
    }
    this.slots.fill(0);
    this.count = 0;
    return out.finish();
  }

  /**
   * The groups' indexes ordered by slice (slice indexes grow with their ids: rows in slice order go into
   * the slice_id b-tree at its right edge), by counting: slice indexes are small integers, and a sort
   * with a comparator cost ~40 ms a drain.
   */
  private sliceOrder(): Uint32Array {
    let top = 0;
    for (let i = 0; i < this.count; i += 1) if (this.slice[i]! > top) top = this.slice[i]!;
    const starts = new Uint32Array(top + 2);
    for (let i = 0; i < this.count; i += 1) starts[this.slice[i]! + 1]! += 1;
    for (let k = 1; k < starts.length; k += 1) starts[k]! += starts[k - 1]!;
    const order = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i += 1) order[starts[this.slice[i]!]!++] = i;
    return order;
  }

  private mix(h: number, x: number): number {
    this.bits[0] = x;
    h = Math.imul(h ^ this.bitWords[0]!, 0x01000193);
    return Math.imul(h ^ this.bitWords[1]!, 0x01000193) ^ (h >>> 15);
  }
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function nullableFloat(out: BinaryCopyRows, x: number): void {
  if (Number.isNaN(x)) out.nullField();
  else out.float8(x);
}
