import { neutraliseCsvCell } from '../disclosure/neutraliseCsvCell.ts';

/**
 * The one CSV writer (RFC 4180 quoting: a cell with a comma, quote, CR or LF is quoted, quotes doubled).
 * Exports leave the service, so by default text a spreadsheet would run as a formula (= + - @, tab or
 * carriage return first) is neutralised by the domain's one rule for that; files Safer itself reads back
 * (the SYNTHETIC extracts) keep their values as they are.
 */
export interface CsvLineOptions {
  /** CRLF by default, as RFC 4180 and spreadsheets expect; LF for command-line output. */
  eol?: '\r\n' | '\n';
  /** Neutralise formula-like text (default true). */
  neutralise?: boolean;
}

export function csvCell(value: unknown, neutralise = true): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  const safe = neutralise && typeof value !== 'number' ? neutraliseCsvCell(text) : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly unknown[], options: CsvLineOptions = {}): string {
  const neutralise = options.neutralise ?? true;
  let line = '';
  for (let i = 0; i < values.length; i += 1) line += (i > 0 ? ',' : '') + csvCell(values[i], neutralise);
  return line + (options.eol ?? '\r\n');
}
