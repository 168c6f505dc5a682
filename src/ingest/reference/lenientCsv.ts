import type { CsvRecord } from '../csvRecords.ts';

/**
 * Splits a small hand-made CSV whose unquoted cells may contain quotes, e.g.
 * `rounded in secondary source ("£3.2m")` in the cost-of-crime placeholder.
 * The framework's reader rightly refuses such cells in publishers' files;
 * this is only for tiny curated tables read whole. A cell that starts with a
 * quote is an RFC 4180 quoted cell (commas, "" and newlines inside); a quote
 * anywhere else is kept as text. The first record (the header) is included.
 */
export function splitLenientCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i += 1;
        for (; i < n; i += 1) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 1;
            } else {
              i += 1;
              break;
            }
          } else {
            if (text[i] === '\n') line += 1;
            cell += text[i];
          }
        }
      }
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      cells.push(cell);
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      line += 1;
      break;
    }
    // A trailing empty line is the end of the file, not a record.
    if (!(cells.length === 1 && cells[0] === '' && i >= n)) records.push({ line: start, cells });
  }
  return records;
}
