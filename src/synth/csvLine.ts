/** One CSV line (RFC 4180 quoting, LF ending); null and undefined are written as empty cells. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    const s = v === null || v === undefined ? '' : String(v);
    if (i > 0) line += ',';
    line += /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  return `${line}\n`;
}
