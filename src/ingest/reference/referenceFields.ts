import type { Parsed } from '../fields.ts';
import type { FileInfo, LoadContext } from '../layout.ts';

/**
 * Field parsers and column helpers the reference importers share, on top of
 * ingest/fields.ts (counts, GSS codes).
 */

const fail = (column: string, value: string, message: string): Parsed<never> => ({
  ok: false,
  problem: { column, value, message },
});

/** A decimal number; `missing` lists the publisher's markers for "no value" (e.g. 'NA'), which give null. */
export function parseDecimal(
  column: string,
  value: string,
  options: { missing?: readonly string[]; min?: number } = {},
): Parsed<number | null> {
  const text = value.trim();
  if (options.missing?.includes(text)) return { ok: true, value: null };
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return fail(column, value, 'not a number');
  const n = Number(text);
  if (options.min !== undefined && n < options.min) return fail(column, value, `must be at least ${options.min}`);
  return { ok: true, value: n };
}

/** A deprivation rank: a whole number from 1 (most deprived). */
export function parseRank(column: string, value: string, missing: readonly string[] = []): Parsed<number | null> {
  const text = value.trim();
  if (missing.includes(text)) return { ok: true, value: null };
  if (!/^\d+(\.0+)?$/.test(text) || Number(text) < 1)
    return fail(column, value, 'a rank must be a whole number from 1');
  return { ok: true, value: Number(text) };
}

/** A deprivation decile: a whole number from 1 (most deprived 10%) to 10. */
export function parseDecile(column: string, value: string, missing: readonly string[] = []): Parsed<number | null> {
  const text = value.trim();
  if (missing.includes(text)) return { ok: true, value: null };
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 10)
    return fail(column, value, 'a decile must be a whole number from 1 to 10');
  return { ok: true, value: n };
}

/** Index of the first header matching any of `names` (normalised), or -1. */
export function findColumn(file: FileInfo, names: readonly string[]): number {
  return (file.header ?? []).findIndex((h) => names.includes(h));
}

/** The header as written, for messages. */
export function columnName(file: FileInfo, index: number): string {
  return file.rawHeader?.[index]?.replace(/^\uFEFF/, '').trim() ?? `column ${index + 1}`;
}

/**
 * Unwraps a parsed value, or records the problem on `line` and returns
 * undefined so the caller can skip the row and keep validating.
 */
export function take<T>(ctx: LoadContext, line: number, parsed: Parsed<T>): T | undefined {
  if (parsed.ok) return parsed.value;
  ctx.problems.add({ line, ...parsed.problem });
  return undefined;
}

/** Remembers the line each key was first seen on, to report repeated rows. */
export class FirstSeen {
  private readonly lines = new Map<string, number>();

  /** The line `key` was first seen on, or undefined (and remembers this line) when it is new. */
  check(key: string, line: number): number | undefined {
    const first = this.lines.get(key);
    if (first === undefined) this.lines.set(key, line);
    return first;
  }
}
