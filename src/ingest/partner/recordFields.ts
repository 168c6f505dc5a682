import { isIsoDate } from '../fields.ts';
import type { FileInfo, LoadContext } from '../layout.ts';
import { ImportRejectedError } from '../problems.ts';

/** Where each documented column sits in this file's header; refuses the file when one is missing. */
export function columnIndex(file: FileInfo, columns: readonly string[], format: string): Map<string, number> {
  const header = file.header ?? [];
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const column of columns) {
    const at = header.indexOf(column);
    if (at < 0) missing.push(column);
    else index.set(column, at);
  }
  if (missing.length > 0) {
    throw new ImportRejectedError(
      file.label,
      missing.map((column) => ({
        line: 1,
        column,
        value: null,
        message: `missing required column "${column}" (see docs/formats/${format}.md)`,
      })),
    );
  }
  return index;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/;

/**
 * One data row of a partner extract, read column by column. Every reader
 * reports a problem naming the line, column and value and returns null, so a
 * row is checked completely and the file keeps validating.
 */
export class RecordFields {
  constructor(
    private readonly ctx: LoadContext,
    private readonly index: Map<string, number>,
    readonly line: number,
    private readonly cells: readonly string[],
  ) {}

  raw(column: string): string {
    return (this.cells[this.index.get(column)!] ?? '').trim();
  }

  problem(column: string, value: string, message: string): null {
    this.ctx.problems.add({ line: this.line, column, value, message });
    return null;
  }

  text(column: string, opts: { required: boolean; max: number }): string | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.problem(column, v, 'a value is required') : null;
    if (v.length > opts.max) return this.problem(column, v, `longer than ${opts.max} characters`);
    return v;
  }

  date(column: string, required: boolean): string | null {
    const v = this.raw(column);
    if (v === '') return required ? this.problem(column, v, 'a date is required (YYYY-MM-DD)') : null;
    return isIsoDate(v) ? v : this.problem(column, v, 'not a real date (expected YYYY-MM-DD)');
  }

  /** 'HH:MM' on the 24-hour clock; blank means unknown. */
  time(column: string, required: boolean): string | null {
    const v = this.raw(column);
    if (v === '') return required ? this.problem(column, v, 'a time is required (HH:MM)') : null;
    return TIME.test(v) ? v : this.problem(column, v, 'not a time of day (expected HH:MM, 00:00 to 23:59)');
  }

  /** 'YYYY-MM-DD HH:MM' (or 'T' between); a date alone takes `dateOnlyTime`. Returns 'YYYY-MM-DD HH:MM'. */
  dateTime(column: string, required: boolean, dateOnlyTime: string): string | null {
    const v = this.raw(column);
    if (v === '') return required ? this.problem(column, v, 'a date and time is required (YYYY-MM-DD HH:MM)') : null;
    const m = DATE_TIME.exec(v);
    if (!m || !isIsoDate(m[1]!) || (m[2] !== undefined && !TIME.test(m[2]))) {
      return this.problem(column, v, 'not a date and time (expected YYYY-MM-DD HH:MM)');
    }
    return `${m[1]} ${m[2] ?? dateOnlyTime}`;
  }

  flag(column: string): boolean | null {
    const v = this.raw(column).toUpperCase();
    if (v === 'Y') return true;
    if (v === 'N') return false;
    return this.problem(column, this.raw(column), 'expected Y or N');
  }

  /** One of `values`, matched in any case; returns the documented spelling. */
  choice<T extends string>(column: string, values: readonly T[], required: boolean): T | null {
    const v = this.raw(column);
    if (v === '') return required ? this.problem(column, v, `a value is required: one of ${values.join(', ')}`) : null;
    const found = values.find((x) => x.toLowerCase() === v.toLowerCase());
    return found ?? this.problem(column, v, `not an allowed value; expected one of ${values.join(', ')}`);
  }

  /** A whole age in years, 0–120; blank means unknown. */
  age(column: string): number | null {
    const v = this.raw(column);
    if (v === '') return null;
    if (!/^\d{1,3}$/.test(v) || Number(v) > 120) return this.problem(column, v, 'not an age in whole years (0 to 120)');
    return Number(v);
  }

  /** A GSS code with the given prefix (E05 ward …). */
  gss(column: string, prefix: string, required: boolean): string | null {
    const v = this.raw(column).toUpperCase();
    if (v === '') return required ? this.problem(column, v, `a ${prefix} code is required`) : null;
    if (!/^[EW]\d{8}$/.test(v))
      return this.problem(
        column,
        this.raw(column),
        `not a GSS code (expected ${prefix} and 6 digits, e.g. ${prefix}000001)`,
      );
    if (!v.startsWith(prefix)) return this.problem(column, this.raw(column), `expected a code starting ${prefix}`);
    return v;
  }
}

/** Refuses a second row with the same id in one file, naming the first. */
export class DuplicateIds {
  private readonly seen = new Map<string, number>();
  check(fields: RecordFields, column: string, id: string | null): void {
    if (id === null) return;
    const first = this.seen.get(id);
    if (first !== undefined) fields.problem(column, id, `duplicate id: already used on line ${first}`);
    else this.seen.set(id, fields.line);
  }
}
