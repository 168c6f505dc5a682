import { FNV_OFFSET, hashBytes, hashField, type BinaryCopyRows } from '../binaryCopyRows.ts';
import type { ByteCsvCursor } from '../byteCsv.ts';
import { ByteInterner, sameBytes } from '../byteInterner.ts';
import type { SliceKey } from '../sliceIndex.ts';
import { DONE } from '../sliceWriter.ts';
import type { StreetRowValidator } from './streetRowValidator.ts';

/** Cell positions of the street columns (-1: absent), as locateColumns finds them. */
export interface StreetColumnIndex {
  crimeId: number;
  month: number;
  reportedBy: number;
  fallsWithin: number;
  longitude: number;
  latitude: number;
  location: number;
  lsoaCode: number;
  lsoaName: number;
  crimeType: number;
  lastOutcome: number;
  context: number;
}

/** What StreetRecordWriter keeps that a row read as bytes is checked against and written into. */
export interface StreetRowSink {
  /** The open slice for `key`, or undefined (then the row takes the string path, which opens it). */
  sliceOf(key: SliceKey): number | undefined;
  categoryIdOf(crimeType: string): number | undefined;
  /** The police_uk_label id of a force or outcome text, or undefined (then the row takes the string path, which adds it). */
  labelIdOf(text: string): number | undefined;
  areaOf(lsoaCode: string, lsoaName: string): string;
  scopeOf(fallsWithin: string, crimeType: string): string;
  noteMonth(month: string): void;
  /** False once the file has a problem: rows are still checked, no longer written. */
  writing(): boolean;
  /** The id StreetPointCounts counts an LSOA code by. */
  pointLsoaOf(code: string): number;
  binaryRow(slice: number): BinaryCopyRows;
  /** Ends a row: its identity hash, and what it is counted by in agg_police_uk_street (NaN coordinates: none). */
  rowWritten(
    slice: number,
    hash: number,
    categoryId: number,
    pointLsoa: number,
    lon: number,
    lat: number,
  ): Promise<void>;
}

interface MonthEntry {
  id: number;
  value: string;
}
interface LsoaEntry {
  name: Uint8Array;
  area: number;
  pointLsoa: number;
}
interface TextEntry {
  id: number;
  text: string;
  label: number | undefined;
}

const SPACE = 0x20;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
/** Bounds of the UK as in fields.ts parseUkPoint. */
const UK = { minLat: 49.8, maxLat: 60.95, minLon: -8.75, maxLon: 1.9 };
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The common police.uk street row, read from its bytes and written as a
 * binary COPY row without making a string: a month, force, crime type and
 * LSOA already seen, a plain decimal point in the UK (or none), an E01/W01
 * code, no blanks around the cells that are trimmed. Anything else (and the
 * first row of a new slice or crime type) returns null, and the caller gives
 * the row to the string path (StreetRowValidator, StreetRecordWriter.add),
 * which reports its problems. Both paths write the same bytes and identity
 * hash; streetByteRows.test.ts checks that on real files.
 */
export class StreetByteRows {
  private readonly months = new ByteInterner<MonthEntry>();
  private readonly forces = new ByteInterner<TextEntry>();
  private readonly crimeTypes = new ByteInterner<TextEntry>();
  private readonly outcomes = new ByteInterner<TextEntry>();
  /** A row's reported-by, falls-within and outcome label ids (labelsOf), reused row after row. */
  private readonly labelIds = new Int32Array(3);
  /** By lsoaKey: the code's digits read as a number, no hashing of its bytes. */
  private readonly lsoas = new Map<number, LsoaEntry>();
  private readonly areaIds = new Map<string, number>();
  private readonly areaNames: string[] = [];
  private readonly texts: string[] = [];
  /** Slice index by area × month × force × crime type ids. */
  private readonly slices = new Map<number, number>();
  private readonly incidents = new Map<number, number>();
  private readonly categoryIds: number[] = [];
  private monthCount = 0;
  private lon = 0;
  private lat = 0;

  constructor(
    private readonly sink: StreetRowSink,
    private readonly validator: StreetRowValidator,
    private readonly at: StreetColumnIndex,
  ) {}

  /** Writes the cursor's (fast) row; null when it must take the string path instead. */
  add(c: ByteCsvCursor): Promise<void> | null {
    const b = c.buf;
    const s = c.starts;
    const e = c.ends;
    const at = this.at;
    const month = this.months.get(b, s[at.month]!, e[at.month]!) ?? this.newMonth(b, s[at.month]!, e[at.month]!);
    if (month === null) return null;
    const force = this.text(this.forces, b, s[at.fallsWithin]!, e[at.fallsWithin]!);
    const type = this.text(this.crimeTypes, b, s[at.crimeType]!, e[at.crimeType]!);
    const reporter = this.text(this.forces, b, s[at.reportedBy]!, e[at.reportedBy]!);
    // An outcome may be blank (anti-social behaviour); '' when the file has no such column.
    const outcome =
      at.lastOutcome < 0
        ? this.text(this.outcomes, b, 0, 0, true)
        : this.text(this.outcomes, b, s[at.lastOutcome]!, e[at.lastOutcome]!, true);
    if (force === null || type === null || reporter === null || outcome === null) return null;
    const labels = this.labelsOf(reporter, force, outcome);
    if (labels === null) return null;
    const categoryId = this.categoryIds[type.id] ?? this.sink.categoryIdOf(type.text);
    if (categoryId === undefined) return null;
    this.categoryIds[type.id] = categoryId;
    const lsoaStart = s[at.lsoaCode]!;
    const lsoaEnd = e[at.lsoaCode]!;
    let lsoa: LsoaEntry | null = null;
    if (lsoaEnd > lsoaStart) {
      lsoa = this.lsoaOf(b, lsoaStart, lsoaEnd, s[at.lsoaName]!, e[at.lsoaName]!);
      if (lsoa === null) return null;
    }
    const area = lsoa?.area ?? this.areaId('');
    const located = e[at.longitude]! > s[at.longitude]! || e[at.latitude]! > s[at.latitude]!;
    if (located && !this.point(b, s[at.longitude]!, e[at.longitude]!, s[at.latitude]!, e[at.latitude]!)) return null;
    const sliceKey = ((area * 4096 + month.id) * 1024 + force.id) * 1024 + type.id;
    let slice = this.slices.get(sliceKey);
    if (slice === undefined) {
      slice = this.sink.sliceOf({
        areaCode: this.areaNames[area]!,
        month: month.value,
        scope: this.sink.scopeOf(force.text, type.text),
      });
      if (slice === undefined) return null;
      this.slices.set(sliceKey, slice);
    }
    // Checked last: the register remembers every ID it is asked about, and the string path asks again.
    const idStart = s[at.crimeId]!;
    const idEnd = e[at.crimeId]!;
    if (idEnd > idStart && (b[idStart]! <= SPACE || b[idEnd - 1]! <= SPACE)) return null;
    if (idEnd > idStart && !this.validator.crimeIdBytesOk(c.line, b, idStart, idEnd, this.incident(month, force)))
      return DONE;
    if (!this.sink.writing()) return DONE;
    return this.write(b, s, e, slice, categoryId, labels, month, located, type, lsoa?.pointLsoa ?? -1);
  }

  private write(
    b: Buffer,
    s: Int32Array,
    e: Int32Array,
    slice: number,
    categoryId: number,
    labels: Int32Array,
    month: MonthEntry,
    located: boolean,
    type: TextEntry,
    pointLsoa: number,
  ): Promise<void> {
    const at = this.at;
    const out = this.sink.binaryRow(slice);
    let h: number;
    if (e[at.crimeId]! > s[at.crimeId]!) h = out.bytesHashed(b, s[at.crimeId]!, e[at.crimeId]!, FNV_OFFSET, true);
    else {
      out.nullField();
      h = FNV_OFFSET;
    }
    out.date(month.value);
    h = hashField(h, month.value);
    // Forces and outcome are stored as label ids (migration 0013); the identity hashes their text as before.
    out.int4(labels[0]!);
    h = hashBytes(h, b, s[at.reportedBy]!, e[at.reportedBy]!);
    out.int4(labels[1]!);
    h = hashBytes(h, b, s[at.fallsWithin]!, e[at.fallsWithin]!);
    if (located) {
      out.float8(this.lon);
      h = hashBytes(h, b, s[at.longitude]!, e[at.longitude]!);
      out.float8(this.lat);
      h = hashBytes(h, b, s[at.latitude]!, e[at.latitude]!);
    } else {
      out.nullField();
      out.nullField();
      h = hashField(hashField(h, ''), '');
    }
    h = this.cell(out, b, s, e, at.location, h);
    if (e[at.lsoaCode]! > s[at.lsoaCode]!) h = out.bytesHashed(b, s[at.lsoaCode]!, e[at.lsoaCode]!, h);
    else {
      out.nullField();
      h = hashField(h, '');
    }
    h = this.cell(out, b, s, e, at.lsoaName, h);
    out.int4(categoryId);
    h = hashField(h, type.text);
    out.int4(labels[2]!);
    h = at.lastOutcome < 0 ? hashBytes(h, b, 0, 0) : hashBytes(h, b, s[at.lastOutcome]!, e[at.lastOutcome]!);
    h = this.cell(out, b, s, e, at.context, h);
    return this.sink.rowWritten(
      slice,
      h >>> 0,
      categoryId,
      pointLsoa,
      located ? this.lon : NaN,
      located ? this.lat : NaN,
    );
  }

  /** A text cell as published ('' when the file has no such column). */
  private cell(out: BinaryCopyRows, b: Buffer, s: Int32Array, e: Int32Array, column: number, h: number): number {
    return column < 0 ? out.bytesHashed(b, 0, 0, h) : out.bytesHashed(b, s[column]!, e[column]!, h);
  }

  /** The three label ids of a row, in one reused array; null while one is not yet known. */
  private labelsOf(reporter: TextEntry, force: TextEntry, outcome: TextEntry): Int32Array | null {
    const sink = this.sink;
    const a = (reporter.label ??= sink.labelIdOf(reporter.text));
    const b = (force.label ??= sink.labelIdOf(force.text));
    const c = (outcome.label ??= sink.labelIdOf(outcome.text));
    if (a === undefined || b === undefined || c === undefined) return null;
    const ids = this.labelIds;
    ids[0] = a;
    ids[1] = b;
    ids[2] = c;
    return ids;
  }

  private newMonth(b: Buffer, start: number, end: number): MonthEntry | null {
    if (end - start !== 7 || b[start + 4] !== 0x2d) return null; // YYYY-MM; other spellings take the string path
    const parsed = this.validator.monthOf(b.toString('latin1', start, end));
    if (!parsed.ok) return null;
    const entry = { id: this.monthCount++, value: parsed.value };
    if (entry.id >= 4096) return null;
    this.sink.noteMonth(parsed.value);
    this.months.set(b, start, end, entry);
    return entry;
  }

  /** A force, crime type or outcome: nothing to trim, and non-blank unless `blankAllowed`. */
  private text(
    interner: ByteInterner<TextEntry>,
    b: Buffer,
    start: number,
    end: number,
    blankAllowed = false,
  ): TextEntry | null {
    const known = interner.get(b, start, end);
    if (known !== undefined) return known;
    if (end <= start ? !blankAllowed : b[start]! <= SPACE || b[end - 1]! <= SPACE) return null;
    if (this.texts.length >= 1023) return null;
    const entry: TextEntry = { id: this.texts.length, text: b.toString('latin1', start, end), label: undefined };
    this.texts.push(entry.text);
    interner.set(b, start, end, entry);
    return entry;
  }

  /** An E01/W01 LSOA with its name, or null (not that shape: the string path checks it). */
  private lsoaOf(b: Buffer, start: number, end: number, nameStart: number, nameEnd: number): LsoaEntry | null {
    const key = lsoaKey(b, start, end);
    if (key < 0) return null;
    const known = this.lsoas.get(key);
    if (known !== undefined && sameBytes(known.name, b, nameStart, nameEnd)) return known;
    const code = b.toString('latin1', start, end);
    const area = this.areaId(this.sink.areaOf(code, b.toString('latin1', nameStart, nameEnd)));
    const entry = { name: b.slice(nameStart, nameEnd), area, pointLsoa: this.sink.pointLsoaOf(code) };
    this.lsoas.set(key, entry);
    return entry;
  }

  private areaId(code: string): number {
    let id = this.areaIds.get(code);
    if (id === undefined) {
      id = this.areaNames.push(code) - 1;
      this.areaIds.set(code, id);
    }
    return id;
  }

  /** Reads a plain-decimal longitude and latitude in the UK into lon/lat; false for anything else. */
  private point(b: Buffer, lonStart: number, lonEnd: number, latStart: number, latEnd: number): boolean {
    const lon = decimal(b, lonStart, lonEnd);
    const lat = decimal(b, latStart, latEnd);
    if (Number.isNaN(lon) || Number.isNaN(lat)) return false;
    if (lat < UK.minLat || lat > UK.maxLat || lon < UK.minLon || lon > UK.maxLon) return false;
    this.lon = lon;
    this.lat = lat;
    return true;
  }

  private incident(month: MonthEntry, force: TextEntry): number {
    const key = month.id * 1024 + force.id;
    let h = this.incidents.get(key);
    if (h === undefined) {
      h = this.validator.incident(month.value, force.text);
      this.incidents.set(key, h);
    }
    return h;
  }
}

/**
 * `-?digits.digits` (at most 15 digits) as the number it means, or NaN. The
 * digits as an integer and the power of ten are both exact doubles, so one
 * division rounds correctly: the same number Number(text) and PostgreSQL read.
 */
export function decimal(b: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = b[i] === 0x2d;
  if (negative) i += 1;
  let digits = 0;
  let mantissa = 0;
  let scale = -1;
  for (; i < end; i += 1) {
    const c = b[i]!;
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      mantissa = mantissa * 10 + (c - DIGIT_0);
      digits += 1;
      if (scale >= 0) scale += 1;
    } else if (c === 0x2e && scale === -1 && digits > 0) {
      scale = 0;
    } else {
      return NaN;
    }
  }
  if (scale <= 0 || digits > 15) return NaN;
  const value = mantissa / POW10[scale]!;
  return negative ? -value : value;
}

/** An E01/W01 code (E01 + six digits) as a number unique to it, or -1 for any other shape (the string path checks it). */
export function lsoaKey(b: Uint8Array, start: number, end: number): number {
  if (end - start !== 9 || b[start + 1] !== DIGIT_0 || b[start + 2] !== 0x31) return -1;
  const nation = b[start] === 0x45 ? 0 : b[start] === 0x57 ? 1 : -1;
  if (nation < 0) return -1;
  let n = 0;
  for (let i = start + 3; i < end; i += 1) {
    const c = b[i]!;
    if (c < DIGIT_0 || c > DIGIT_9) return -1;
    n = n * 10 + (c - DIGIT_0);
  }
  return nation * 1_000_000 + n;
}
