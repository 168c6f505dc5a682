import { isAscii } from 'node:buffer';
import { CsvSplitter, CsvSyntaxError } from './csvSplitter.ts';
import { MAX_LINE_BYTES, readCsvBatches, toRejection, type CsvRecord } from './csvRecords.ts';
import { countNewlines, notUtf8, readBytes, type TextSourceOptions } from './textSource.ts';

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const EMPTY = Buffer.alloc(0);

/**
 * The data records of a CSV file (header skipped) read from its bytes, for
 * the biggest files (police.uk street crimes, ~5 million rows a gigabyte).
 *
 * A plain record (no quote, no byte above 0x7f: nearly every police.uk row)
 * is *fast*: its fields are byte ranges of `buf`, so the reader makes no
 * string at all and a loader can copy the bytes straight into a binary COPY.
 * Any other record is decoded and split by CsvSplitter, the splitter every
 * CSV import uses, so it reads exactly as before and gets the same errors
 * (not UTF-8, quoting, cell count, line over 1 MB), naming the same line.
 * Files in CR-only line endings or another encoding are read by CsvSplitter
 * throughout. Usage: for each cursor yielded, `while (cursor.next())`.
 */
export async function* readByteCsv(
  path: string,
  label: string,
  options: TextSourceOptions = {},
): AsyncGenerator<ByteCsvCursor> {
  const cursor = new ByteCsvCursor(label);
  let viaText = options.encoding !== undefined && options.encoding !== 'utf-8';
  if (!viaText) {
    for await (const chunk of readBytes(path, label, options)) {
      if (cursor.crOnly(chunk)) {
        viaText = true;
        break;
      }
      cursor.load(chunk, false);
      yield cursor;
    }
    if (!viaText && cursor.crOnly(EMPTY, true)) viaText = true;
    if (!viaText) {
      cursor.load(EMPTY, true);
      yield cursor;
    }
  }
  if (viaText) {
    const fresh = new ByteCsvCursor(label);
    for await (const batch of readCsvBatches(path, label, options)) {
      fresh.loadRecords(batch);
      yield fresh;
    }
  }
}

export class ByteCsvCursor {
  /** The current record's (first) line. */
  line = 0;
  /** True: the record's fields are the byte ranges starts[i]..ends[i] of buf (ASCII); false: read `cells`. */
  fast = false;
  buf: Buffer = EMPTY;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  fields = 0;
  cells: string[] = [];

  private pos = 0;
  private final = false;
  private ascii = true;
  /** Where the next quote in buf is at or after pos (Infinity: none). */
  private nextQuote = -1;
  private nextLine = 1;
  private expected = -1;
  private atStart = true;
  private lineEndings: 'lf' | 'cr' | null = null;
  /** The first line break is a CR that ended the last chunk: the next byte decides. */
  private crEndedChunk = false;
  private records: CsvRecord[] = [];
  private recordAt = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly label: string) {}

  /** True when the file's first line break is a lone CR (decided on the first chunk that has one; `final`: the file has ended). */
  crOnly(chunk: Buffer, final = false): boolean {
    if (this.lineEndings !== null) return false;
    if (this.crEndedChunk) {
      if (chunk.length === 0 && !final) return false;
      this.lineEndings = chunk[0] === LF ? 'lf' : 'cr';
      return this.lineEndings === 'cr';
    }
    const cr = chunk.indexOf(CR);
    const lf = chunk.indexOf(LF);
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      if (lf !== -1) this.lineEndings = 'lf';
      return false;
    }
    if (cr + 1 >= chunk.length) {
      this.crEndedChunk = true; // the next chunk's first byte, or the file's end, decides
      return false;
    }
    this.lineEndings = chunk[cr + 1] === LF ? 'lf' : 'cr';
    return this.lineEndings === 'cr';
  }

  /** Appends the next chunk of the file to what the last one left unfinished. */
  load(chunk: Buffer, final: boolean): void {
    const rest = this.buf.subarray(this.pos);
    let buf = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    if (this.atStart && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    this.buf = buf;
    this.pos = 0;
    this.final = final;
    this.ascii = isAscii(buf);
    this.nextQuote = -1;
  }

  /** Records already split from text (files read through CsvSplitter). */
  loadRecords(records: CsvRecord[]): void {
    this.records = records;
    this.recordAt = 0;
  }

  /** Moves to the next data record; false when this chunk has no more complete records. */
  next(): boolean {
    try {
      for (;;) {
        if (!this.step()) return false;
        if (!this.atStart) return true;
        this.atStart = false; // the header: the layout has read it already
        this.expected = this.fast ? this.fields : this.cells.length;
      }
    } catch (error) {
      throw toRejection(this.label, error);
    }
  }

  /** A fast record's cells as strings (ASCII bytes), for code that reads strings. */
  fastCells(): string[] {
    const cells: string[] = new Array(this.fields);
    for (let i = 0; i < this.fields; i += 1) cells[i] = this.buf.toString('latin1', this.starts[i]!, this.ends[i]!);
    return cells;
  }

  private step(): boolean {
    if (this.recordAt < this.records.length) {
      const record = this.records[this.recordAt++]!;
      this.fast = false;
      this.line = record.line;
      this.cells = record.cells;
      return true;
    }
    const { buf, pos } = this;
    if (pos >= buf.length) return false;
    let eol = buf.indexOf(LF, pos);
    if (eol === -1) {
      if (!this.final) return this.unfinished();
      eol = buf.length;
    }
    if (this.nextQuote < pos) {
      const q = buf.indexOf(QUOTE, pos);
      this.nextQuote = q === -1 ? Infinity : q;
    }
    if (this.nextQuote < eol) return this.quotedRecord();
    this.line = this.nextLine;
    const stop = eol > pos && buf[eol - 1] === CR ? eol - 1 : eol;
    if (stop - pos > MAX_LINE_BYTES) this.tooLong();
    if (!this.split(pos, stop)) this.splitText(buf.subarray(pos, Math.min(eol + 1, buf.length)));
    this.pos = eol + 1;
    this.nextLine += 1;
    return true;
  }

  /** Splits an unquoted line into byte ranges; false when it has a byte above 0x7f (then it is decoded). */
  private split(from: number, stop: number): boolean {
    const buf = this.buf;
    let f = 0;
    let start = from;
    for (let i = from; i < stop; i += 1) {
      const c = buf[i]!;
      if (c === COMMA) {
        if (f + 1 >= this.starts.length) this.growFields();
        this.starts[f] = start;
        this.ends[f] = i;
        f += 1;
        start = i + 1;
      } else if (c > 0x7f && !this.ascii) {
        return false;
      }
    }
    this.starts[f] = start;
    this.ends[f] = stop;
    this.fields = f + 1;
    this.fast = true;
    this.checkCount(this.fields);
    return true;
  }

  /** A record with quotes: finds where it ends (quoted cells may hold line breaks), then decodes and splits it. */
  private quotedRecord(): boolean {
    const end = recordEnd(this.buf, this.pos, this.final);
    if (end === -1) return this.unfinished();
    this.line = this.nextLine;
    const bytes = this.buf.subarray(this.pos, end);
    if (bytes.length > MAX_LINE_BYTES) this.tooLong();
    this.splitText(bytes);
    this.pos = end;
    this.nextLine += countNewlines(bytes);
    return true;
  }

  /** Decodes one record's bytes (refusing what is not UTF-8) and splits them as every CSV import does. */
  private splitText(bytes: Buffer): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      throw notUtf8(this.label, bytes, this.line);
    }
    // Lines end in LF here (a CR-only file is read as text throughout): a lone CR inside a quoted cell must not make this one record look CR-only.
    const splitter = new CsvSplitter({
      maxRecordChars: MAX_LINE_BYTES,
      firstLine: this.line,
      expectedCells: this.expected === -1 ? undefined : this.expected,
      crOnly: false,
    });
    const records = [...splitter.push(text), ...splitter.end()];
    this.fast = false;
    this.cells = records[0]?.cells ?? [''];
    // More than one is not expected (recordEnd ends a record where CsvSplitter does), but none is lost if it happens.
    this.records = records.length > 1 ? records.slice(1) : [];
    this.recordAt = 0;
  }

  private checkCount(cells: number): void {
    if (this.expected !== -1 && cells !== this.expected) {
      throw new CsvSyntaxError(
        'INCONSISTENT_FIELDS',
        this.line,
        `Invalid Record Length: expect ${this.expected}, got ${cells} on line ${this.line}`,
      );
    }
  }

  /** The chunk ends inside a record: it waits for the next chunk, unless it is already too long. */
  private unfinished(): false {
    if (this.buf.length - this.pos > MAX_LINE_BYTES) {
      this.line = this.nextLine;
      this.tooLong();
    }
    return false;
  }

  private tooLong(): never {
    throw new CsvSyntaxError('MAX_RECORD_SIZE', this.line, `a record is longer than ${MAX_LINE_BYTES} characters`);
  }

  private growFields(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * Where the record starting at `from` ends (after its line break), by
 * CsvSplitter's rules: a cell that opens with a quote runs to its closing
 * quote ("" is a quote inside), any other cell to the next comma or line
 * break. -1 when the record may continue past the end of `buf`. A malformed
 * record ends at its next line break; CsvSplitter then names the problem.
 */
export function recordEnd(buf: Uint8Array, from: number, final: boolean): number {
  const end = buf.length;
  let i = from;
  for (;;) {
    if (i >= end) return final ? end : -1;
    if (buf[i] === QUOTE) {
      let q = i;
      for (;;) {
        q = buf.indexOf(QUOTE, q + 1);
        if (q === -1) return final ? end : -1;
        if (buf[q + 1] === QUOTE) q += 1;
        else if (q + 1 >= end && !final) return -1;
        else break;
      }
      i = q + 1;
      const c = buf[i];
      if (c === COMMA) {
        i += 1;
        continue;
      }
      if (i >= end) return end;
      if (c === LF) return i + 1;
      if (c === CR && i + 1 >= end && !final) return -1;
      if (c === CR && buf[i + 1] === LF) return i + 2;
      const nl = buf.indexOf(LF, i);
      return nl === -1 ? (final ? end : -1) : nl + 1;
    }
    let j = i;
    while (j < end && buf[j] !== COMMA && buf[j] !== LF) j += 1;
    if (j >= end) return final ? end : -1;
    if (buf[j] === LF) return j + 1;
    i = j + 1;
  }
}
