/** A CSV syntax problem at a line: the caller turns it into a rejection naming the file. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code:
      | 'MAX_RECORD_SIZE'
      | 'INCONSISTENT_FIELDS'
      | 'INVALID_OPENING_QUOTE'
      | 'INVALID_CLOSING_QUOTE'
      | 'QUOTE_NOT_CLOSED',
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface SplitRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export interface CsvSplitterOptions {
  /** Physical lines to skip before the first record. */
  skipLines?: number;
  relaxColumnCount?: boolean;
  /** Longest record, in characters. */
  maxRecordChars: number;
  /** Line number of the first line pushed (when splitting part of a file). */
  firstLine?: number;
  /** Cells every record must have; otherwise the first record's count. */
  expectedCells?: number;
  /** Whether lines end in a lone CR, when the caller knows; otherwise the first line break decides. */
  crOnly?: boolean;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * RFC 4180 CSV split incrementally over decoded text chunks: comma
 * separated, double-quoted cells may hold commas, quotes ("") and newlines,
 * lines end in LF, CRLF or (old Mac files) CR. Cells are not trimmed.
 *
 * Written for speed on the common case: a line without a quote is split
 * with String#split, and only quoted records are scanned character by
 * character. It keeps the rules of csv-parse, which Safer used before: an
 * empty line is one empty cell, a quote inside an unquoted cell is a literal
 * character (relax_quotes), text after a closing quote is an error, and so is a record with a different
 * number of cells from the first (unless relaxed).
 */
export class CsvSplitter {
  private pending = '';
  private line: number;
  private skip: number;
  private expected: number;
  private crOnly: boolean | null;

  constructor(private readonly options: CsvSplitterOptions) {
    this.crOnly = options.crOnly ?? null;
    this.skip = options.skipLines ?? 0;
    this.line = options.firstLine ?? 1;
    this.expected = options.expectedCells ?? -1;
  }

  /** Splits what `text` completes; an unfinished record waits for the next chunk. */
  push(text: string): SplitRecord[] {
    if (this.crOnly === null) this.crOnly = detectCrOnly(this.pending + text);
    const buf = this.pending.length === 0 ? text : this.pending + text;
    const out: SplitRecord[] = [];
    const end = this.splitFrom(buf, out, false);
    this.pending = end < buf.length ? buf.slice(end) : '';
    if (this.pending.length > this.options.maxRecordChars) {
      throw new CsvSyntaxError(
        'MAX_RECORD_SIZE',
        this.line,
        `a record is longer than ${this.options.maxRecordChars} characters`,
      );
    }
    return out;
  }

  /** Splits the last record (a file need not end with a newline). */
  end(): SplitRecord[] {
    if (this.crOnly === null) this.crOnly = detectCrOnly(this.pending, true);
    const out: SplitRecord[] = [];
    if (this.pending.length > 0) this.splitFrom(this.pending, out, true);
    this.pending = '';
    return out;
  }

  /** Splits complete records from `buf`; returns where the unfinished part starts. */
  private splitFrom(buf: string, out: SplitRecord[], final: boolean): number {
    const nl = this.crOnly ? '\r' : '\n';
    let pos = 0;
    while (pos < buf.length) {
      let eol = buf.indexOf(nl, pos);
      if (eol === -1) {
        if (!final) return pos;
        eol = buf.length;
      }
      if (this.skip > 0) {
        this.skip -= 1;
        this.line += 1;
        pos = eol + 1;
        continue;
      }
      const quote = buf.indexOf('"', pos);
      if (quote === -1 || quote > eol) {
        const stop = eol > pos && buf.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
        if (stop - pos > this.options.maxRecordChars) this.tooLong();
        this.emit(out, this.line, buf.slice(pos, stop).split(','));
        this.line += 1;
        pos = eol + 1;
        continue;
      }
      const next = this.splitQuoted(buf, pos, out, final);
      if (next === -1) return pos; // the quoted record continues in the next chunk
      pos = next;
    }
    return pos;
  }

  /** Scans one record containing quotes; -1 when it is not complete in `buf`. */
  private splitQuoted(buf: string, start: number, out: SplitRecord[], final: boolean): number {
    const cells: string[] = [];
    const firstLine = this.line;
    let lines = 0;
    let i = start;
    const eolChar = this.crOnly ? CR : LF;
    for (;;) {
      if (i - start > this.options.maxRecordChars) this.tooLong();
      if (buf.charCodeAt(i) === QUOTE) {
        let cell = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1) {
            if (!final) return -1;
            throw new CsvSyntaxError(
              'QUOTE_NOT_CLOSED',
              firstLine + lines,
              `a quoted cell opened on line ${firstLine + lines} is never closed`,
            );
          }
          if (q + 1 >= buf.length && !final) return -1;
          const chunk = buf.slice(from, q);
          for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', k + 1)) lines += 1;
          if (this.crOnly) for (let k = chunk.indexOf('\r'); k !== -1; k = chunk.indexOf('\r', k + 1)) lines += 1;
          if (buf.charCodeAt(q + 1) === QUOTE) {
            cell += `${chunk}"`;
            from = q + 2;
            continue;
          }
          cell += chunk;
          i = q + 1;
          break;
        }
        cells.push(cell);
        const c = buf.charCodeAt(i);
        if (c === COMMA) {
          i += 1;
          continue;
        }
        if (i >= buf.length) return this.finishQuoted(out, cells, firstLine, lines, buf.length);
        if (c === eolChar) return this.finishQuoted(out, cells, firstLine, lines, i + 1);
        if (c === CR && buf.charCodeAt(i + 1) === LF) return this.finishQuoted(out, cells, firstLine, lines, i + 2);
        if (c === CR && i + 1 >= buf.length && !final) return -1;
        throw new CsvSyntaxError(
          'INVALID_CLOSING_QUOTE',
          firstLine + lines,
          `text after a closing quote on line ${firstLine + lines} (${JSON.stringify(buf.slice(i, i + 10))})`,
        );
      }
      // An unquoted cell: runs to the next comma or end of line. A quote inside it is
      // kept as a literal character (csv-parse's relax_quotes): public files such as the
      // Home Office unit-cost table write `rounded ("£3.2m")` without quoting the cell.
      let stop = i;
      while (stop < buf.length) {
        const c = buf.charCodeAt(stop);
        if (c === COMMA || c === eolChar) break;
        stop += 1;
      }
      if (stop >= buf.length && !final) return -1;
      const text = buf.slice(i, stop);
      if (stop >= buf.length || buf.charCodeAt(stop) === eolChar) {
        cells.push(text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text);
        return this.finishQuoted(out, cells, firstLine, lines, stop + 1);
      }
      cells.push(text);
      i = stop + 1;
    }
  }

  private finishQuoted(out: SplitRecord[], cells: string[], firstLine: number, lines: number, next: number): number {
    this.emit(out, firstLine, cells);
    this.line = firstLine + lines + 1;
    return next;
  }

  private emit(out: SplitRecord[], line: number, cells: string[]): void {
    if (this.expected === -1) this.expected = cells.length;
    else if (cells.length !== this.expected && !this.options.relaxColumnCount) {
      throw new CsvSyntaxError(
        'INCONSISTENT_FIELDS',
        line,
        `Invalid Record Length: expect ${this.expected}, got ${cells.length} on line ${line}`,
      );
    }
    out.push({ line, cells });
  }

  private tooLong(): never {
    throw new CsvSyntaxError(
      'MAX_RECORD_SIZE',
      this.line,
      `a record is longer than ${this.options.maxRecordChars} characters`,
    );
  }
}

/** True when the first line break is a lone CR (classic Mac line endings); null: not known yet (`final`: the text is all there is). */
function detectCrOnly(text: string, final = false): boolean | null {
  const cr = text.indexOf('\r');
  const lf = text.indexOf('\n');
  if (cr === -1 && lf === -1) return null;
  if (cr === -1) return false;
  if (lf === -1) return cr + 1 < text.length || final ? true : null;
  return cr < lf && lf !== cr + 1;
}
