import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/*
 * Counts read straight from a published MPS borough file, for tests to compare the crime tables with: parsed
 * with csv-parse and summed month column by month column, without any of Safer's import or query code.
 */

export interface CsvCategoryCounts {
  major: string;
  minor: string;
  /** Offences per borough name per 'YYYYMM' column. */
  byBorough: Map<string, Map<string, number>>;
}

/** Both layouts: MajorText/MinorText/BoroughName (Home Office aligned) and Borough/Major Category/Minor Category (old). */
const COLUMNS = [
  { major: 'majortext', minor: 'minortext', borough: 'boroughname' },
  { major: 'major category', minor: 'minor category', borough: 'borough' },
];

export function readBoroughFile(path: string): CsvCategoryCounts[] {
  const records = parse(readFileSync(path), { columns: (h: string[]) => h.map((c) => c.toLowerCase()), bom: true });
  const rows = records as Record<string, string>[];
  const first = rows[0]!;
  const cols = COLUMNS.find((c) => c.major in first)!;
  const months = Object.keys(first).filter((k) => /^\d{6}$/.test(k));
  const out = new Map<string, CsvCategoryCounts>();
  for (const r of rows) {
    const [major, minor] = [r[cols.major]!, r[cols.minor]!];
    const key = `${major}|${minor}`;
    const entry = out.get(key) ?? { major, minor, byBorough: new Map() };
    out.set(key, entry);
    entry.byBorough.set(r[cols.borough]!, new Map(months.map((m) => [m, Number(r[m])])));
  }
  return [...out.values()];
}

/** The 'YYYYMM' columns of financial year startYear/startYear+1 (April to March). */
export const financialYearColumns = (startYear: number): string[] =>
  Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    return `${month >= 4 ? startYear : startYear + 1}${String(month).padStart(2, '0')}`;
  });

/** A category's offences in one borough over the columns (a column the file lacks adds nothing). */
export function sumOf(category: CsvCategoryCounts, borough: string, columns: readonly string[]): number {
  const months = category.byBorough.get(borough);
  return months ? columns.reduce((a, c) => a + (months.get(c) ?? 0), 0) : 0;
}

/** Categories with any offence in any borough in the columns: the rows a table of those years must have. */
export function categoriesWithOffences(file: readonly CsvCategoryCounts[], columns: readonly string[]) {
  return file.filter((c) => [...c.byBorough.keys()].some((b) => sumOf(c, b, columns) > 0));
}

/** How many of the columns the file has. */
export function columnsHeld(file: readonly CsvCategoryCounts[], columns: readonly string[]): number {
  const months = file[0]?.byBorough.values().next().value;
  return columns.filter((c) => months?.has(c)).length;
}
