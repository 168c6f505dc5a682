import type { Problem } from './problems.ts';

/**
 * Field parsers shared by every importer. Each returns the parsed value or a
 * Problem naming the column and value, so importers report rather than throw.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Omit<Problem, 'line'> };

const fail = (column: string, value: string, message: string): Parsed<never> => ({
  ok: false,
  problem: { column, value, message },
});

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** 'YYYY-MM', 'YYYYMM' or 'YYYY-MM-DD' → 'YYYY-MM-01'; refuses month 13 and years outside 1990–2100. */
export function parseMonth(column: string, value: string): Parsed<string> {
  const m = /^(\d{4})-?(\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  if (!m) return fail(column, value, 'not a month (expected YYYY-MM)');
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return fail(column, value, `impossible month ${month}`);
  if (year < 1990 || year > 2100) return fail(column, value, `year ${year} is out of range`);
  if (m[3] !== undefined && !isIsoDate(`${m[1]}-${m[2]}-${m[3]}`)) return fail(column, value, 'impossible date');
  return { ok: true, value: `${m[1]}-${m[2]}-01` };
}

/** A non-negative whole count. Blank is refused: a count the publisher left out is not zero. */
export function parseCount(column: string, value: string): Parsed<number> {
  const text = value.trim();
  if (!/^-?\d+(\.0+)?$/.test(text)) return fail(column, value, 'not a whole number');
  const n = Number(text);
  if (n < 0) return fail(column, value, 'a count cannot be negative');
  if (!Number.isSafeInteger(n)) return fail(column, value, 'the count is too large');
  return { ok: true, value: n };
}

const GSS = /^[EWSN]\d{8}$/;

/** A GSS code (E01 LSOA, E05 ward, E09 borough …), optionally of given prefixes. */
export function parseGssCode(column: string, value: string, prefixes?: readonly string[]): Parsed<string> {
  const code = value.trim().toUpperCase();
  if (!GSS.test(code)) return fail(column, value, 'not a GSS code (a letter and 8 digits, e.g. E01004222)');
  if (prefixes && !prefixes.some((p) => code.startsWith(p))) {
    return fail(column, value, `expected a code starting ${prefixes.join(' or ')}`);
  }
  return { ok: true, value: code };
}

/** Bounds of the UK and its waters, with a margin: anything outside is a swapped or corrupted coordinate. */
const UK = { minLat: 49.8, maxLat: 60.95, minLon: -8.75, maxLon: 1.9 };

/**
 * A coordinate as publishers write it: a plain decimal. JavaScript's Number also reads "0b1" and "0o7",
 * which PostgreSQL refuses; coordinates are stored as the number read here, so both must agree.
 */
const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A WGS84 point in the UK; blank latitude and longitude together mean "no location" (null). */
export function parseUkPoint(
  latColumn: string,
  lat: string,
  lonColumn: string,
  lon: string,
): Parsed<{ lat: number; lon: number } | null> {
  if (lat.trim() === '' && lon.trim() === '') return { ok: true, value: null };
  const y = Number(lat);
  const x = Number(lon);
  if (lat.trim() === '' || !Number.isFinite(y) || !DECIMAL.test(lat)) return fail(latColumn, lat, 'not a latitude');
  if (lon.trim() === '' || !Number.isFinite(x) || !DECIMAL.test(lon)) return fail(lonColumn, lon, 'not a longitude');
  if (y < UK.minLat || y > UK.maxLat) return fail(latColumn, lat, 'the point is outside the UK');
  if (x < UK.minLon || x > UK.maxLon) return fail(lonColumn, lon, 'the point is outside the UK');
  return { ok: true, value: { lat: y, lon: x } };
}

/** First day of the month after `month` ('YYYY-MM-01'): the earliest a monthly extract can have been taken. */
export function monthAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-01`;
}
