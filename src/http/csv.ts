import { neutraliseCsvCell } from '../domain/disclosure/neutraliseCsvCell.ts';

/**
 * One CSV cell, quoted when needed. Text a spreadsheet would run as a
 * formula (= + - @, tab or carriage return first) is neutralised by the
 * domain's one rule for that, so an export opened in Excel runs nothing.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'number' ? neutraliseCsvCell(value) : neutraliseCsvCell(value instanceof Date ? value.toISOString() : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
