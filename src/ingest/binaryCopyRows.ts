/**
 * Rows in PostgreSQL's binary COPY format, written straight into a byte
 * buffer: the server then converts no text (COPY of police.uk street rows
 * in CSV spent ~40% of its time parsing dates, numbers and CSV quoting), and
 * the importer builds no array or string per row.
 *
 * Text fields can be written while folding them into a 32-bit FNV-1a hash of
 * the row's identity (see textHashed): the same hash `fnv1a` gives for the
 * fields joined by `\u001f`, so slice fingerprints stay what they were.
 */

/** 'PGCOPY\n\377\r\n\0', no flags, no header extension. */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The separator between an identity's fields (as in the CSV writers' identity strings). */
const SEP = 0x1f;
const DAY_MS = 86_400_000;
/** PostgreSQL dates count days from 2000-01-01. */
const PG_EPOCH_DAYS = Date.UTC(2000, 0, 1) / DAY_MS;

export class BinaryCopyRows {
  private buf: Buffer;
  private view: DataView;
  private pos = 0;
  private lastDate = '';
  private lastDays = 0;
  rows = 0;

  constructor(private readonly capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.begin();
  }

  /** Bytes written so far. */
  get size(): number {
    return this.pos;
  }

  /** Starts a row of `fields` columns. */
  row(fields: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, fields);
    this.pos += 2;
    this.rows += 1;
  }

  nullField(): void {
    this.ensure(4);
    this.view.setInt32(this.pos, -1);
    this.pos += 4;
  }

  /** A bigint column (a safe integer). */
  int8(n: number): void {
    this.ensure(12);
    const high = Math.floor(n / 0x1_0000_0000);
    this.view.setInt32(this.pos, 8);
    this.view.setInt32(this.pos + 4, high);
    this.view.setUint32(this.pos + 8, n - high * 0x1_0000_0000);
    this.pos += 12;
  }

  int4(n: number): void {
    this.ensure(8);
    this.view.setInt32(this.pos, 4);
    this.view.setInt32(this.pos + 4, n);
    this.pos += 8;
  }

  float8(x: number): void {
    this.ensure(12);
    this.view.setInt32(this.pos, 8);
    this.view.setFloat64(this.pos + 4, x);
    this.pos += 12;
  }

  /** A date column from 'YYYY-MM-DD' (already validated). */
  date(iso: string): void {
    // Rows come month by month: the last date converted is nearly always the next one.
    if (iso !== this.lastDate) {
      this.lastDate = iso;
      this.lastDays =
        Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS -
        PG_EPOCH_DAYS;
    }
    this.int4(this.lastDays);
  }

  /** A text column, or NULL. */
  text(s: string | null): void {
    if (s === null) this.nullField();
    else this.textHashed(s, 0);
  }

  /**
   * Writes a text column and returns `h` continued over the separator and
   * `s`'s UTF-16 code units (`first`: no separator, for the first field, with
   * h = FNV_OFFSET); `>>> 0` gives what fnv1a gives for the joined fields.
   * One pass over the characters both copies and hashes them.
   */
  textHashed(s: string, h: number, first = false): number {
    const n = s.length;
    this.ensure(4 + n * 3);
    const buf = this.buf;
    const at = this.pos + 4;
    if (!first) h = Math.imul(h ^ SEP, FNV_PRIME);
    let ascii = true;
    for (let i = 0; i < n; i += 1) {
      const c = s.charCodeAt(i);
      h = Math.imul(h ^ c, FNV_PRIME);
      if (c > 0x7f) ascii = false;
      buf[at + i] = c;
    }
    const bytes = ascii ? n : buf.write(s, at, 'utf8');
    this.view.setInt32(this.pos, bytes);
    this.pos = at + bytes;
    return h;
  }

  /**
   * Writes bytes `src[start, end)` (plain ASCII, so each byte is one UTF-16 code unit) as a text column,
   * continuing `h` over them as textHashed does over a string.
   */
  bytesHashed(src: Uint8Array, start: number, end: number, h: number, first = false): number {
    const n = end - start;
    this.ensure(4 + n);
    const buf = this.buf;
    const at = this.pos + 4;
    if (!first) h = Math.imul(h ^ SEP, FNV_PRIME);
    for (let i = 0; i < n; i += 1) {
      const c = src[start + i]!;
      h = Math.imul(h ^ c, FNV_PRIME);
      buf[at + i] = c;
    }
    this.view.setInt32(this.pos, n);
    this.pos = at + n;
    return h;
  }

  /** The finished COPY data (trailer appended); the object must not be written to afterwards. */
  finish(): Uint8Array {
    this.ensure(2);
    this.view.setInt16(this.pos, -1);
    this.pos += 2;
    return this.buf.subarray(0, this.pos);
  }

  private begin(): void {
    for (const b of SIGNATURE) this.buf[this.pos++] = b;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes, this.capacity));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}

/** Continues an FNV-1a hash over a separator and the ASCII bytes `src[start, end)`, as hashField over their text. */
export function hashBytes(h: number, src: Uint8Array, start: number, end: number, first = false): number {
  if (!first) h = Math.imul(h ^ SEP, FNV_PRIME);
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ src[i]!, FNV_PRIME);
  return h;
}

/** Continues an FNV-1a hash over a separator and `s`, for identity fields that are not written as text. */
export function hashField(h: number, s: string, first = false): number {
  if (!first) h = Math.imul(h ^ SEP, FNV_PRIME);
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
