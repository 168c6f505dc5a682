const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Stops a spreadsheet treating a text cell as a formula (CSV injection):
 * text starting with = + - @, a tab or a carriage return gets a leading single
 * quote. Numbers are numbers, not formulas, so −3.2 stays −3.2.
 */
export function neutraliseCsvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}
