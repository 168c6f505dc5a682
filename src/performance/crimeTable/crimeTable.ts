import { percentChange } from '../../domain/change/change.ts';
import type { Month } from '../../domain/periods/month.ts';
import { periodMonths, type Period } from '../../domain/periods/period.ts';

/*
 * The performance pack's financial-year crime table (seed 004, "2015/16 Financial Year Crime Figures"), as
 * arithmetic only: counts in, rows out. No I/O, so every rule (sums, % change, partial years, subtotals, TNO)
 * is tested on numbers worked by hand; crimeTableQuery.ts reads the counts and loadCrimeTable.ts joins the two.
 */

/** The two MPS offence classifications the borough files are published in (src/ingest/mps/mpsClassification.ts). */
export type MpsClassification = 'ho_aligned' | 'mps_old';

export const CLASSIFICATION_NAMES: Record<MpsClassification, string> = {
  ho_aligned: 'MPS Home Office aligned classification',
  mps_old: 'MPS Major/Minor classification (before 2019)',
};

/** One category as the catalogue stores it; minor '' when a file gives the major alone. */
export interface Category {
  major: string;
  minor: string;
}
export const categoryKey = (c: Category): string => `${c.major}|${c.minor}`;

/** One month's offences of one category (key null: a month the area's slices hold with no offence at all). */
export interface MonthCount {
  month: Month;
  key: string | null;
  offences: number;
}

/** One financial year's counts for the area: the months its slices hold and offences per category key. */
export interface YearCounts {
  period: Period;
  monthsHeld: Month[];
  offences: ReadonlyMap<string, number>;
}

/** A year as the table states it: a year missing months is partial and gets no % change. */
export interface YearInfo {
  label: string;
  start: Month;
  end: Month;
  monthsHeld: Month[];
  monthsExpected: number;
  partial: boolean;
}

/** Why a change is not given: the table says so rather than print a misleading figure. */
export type ChangeNote = 'previous year is 0' | 'partial year' | 'no data for the comparison year';

export interface CrimeTableRow {
  /** A published category, a major group's subtotal, or total notifiable offences. */
  kind: 'category' | 'major' | 'total';
  major: string;
  /** null on subtotal and total rows. */
  minor: string | null;
  offences: { current: number; previous: number | null };
  percentChange: number | null;
  changeNote: ChangeNote | null;
  /** null while no source holds sanction detections (see CrimeTable.sanctionDetections). */
  sanctionDetections: { current: number | null; previous: number | null };
  /** Sanction detections per 100 offences. */
  sdRate: { current: number | null; previous: number | null };
  sdRatePointChange: number | null;
}

export interface CrimeTable {
  area: { code: string; name: string };
  classification: MpsClassification;
  current: YearInfo;
  previous: YearInfo;
  /** Each major group's categories followed by its subtotal, then total notifiable offences. */
  rows: CrimeTableRow[];
  total: CrimeTableRow;
  sanctionDetections: { held: boolean; reason: string | null };
  asOf: string | null;
  extractDates: string[];
}

/** Sanction detections per category key for each year, from whatever source comes to hold them. */
export interface SanctionDetections {
  current: ReadonlyMap<string, number>;
  previous: ReadonlyMap<string, number>;
}

export const SANCTIONS_NOT_HELD =
  'not held: the MPS borough files on the London Datastore publish offences only, and no other open file gives ' +
  'sanction detections by borough and offence category; a source that does can be passed to buildCrimeTable';

export interface CrimeTableInput {
  area: { code: string; name: string };
  classification: MpsClassification;
  /** Every category of the classification the borough files hold: one row each, zero where the area has none. */
  categories: readonly Category[];
  current: YearCounts;
  previous: YearCounts;
  sanctionDetections?: SanctionDetections;
  asOf?: string | null;
  extractDates?: readonly string[];
}

/** Sums a year's monthly counts; months outside the year are ignored, so one query can serve two years. */
export function yearCounts(period: Period, rows: readonly MonthCount[]): YearCounts {
  const inYear = new Set(periodMonths(period));
  const held = new Set<Month>();
  const offences = new Map<string, number>();
  for (const r of rows) {
    if (!inYear.has(r.month)) continue;
    held.add(r.month);
    if (r.key !== null) offences.set(r.key, (offences.get(r.key) ?? 0) + r.offences);
  }
  return { period, monthsHeld: [...held].sort(), offences };
}

export function yearInfo(y: YearCounts): YearInfo {
  const expected = periodMonths(y.period).length;
  return {
    label: y.period.label,
    start: y.period.start,
    end: y.period.end,
    monthsHeld: y.monthsHeld,
    monthsExpected: expected,
    partial: y.monthsHeld.length < expected,
  };
}

/** Why no % change may be given between two years, or null when one may. */
export function changeNoteFor(current: YearInfo, previous: YearInfo, previousCount: number | null): ChangeNote | null {
  if (previous.monthsHeld.length === 0 || previousCount === null) return 'no data for the comparison year';
  if (current.partial || previous.partial) return 'partial year';
  return previousCount === 0 ? 'previous year is 0' : null;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const rate = (sd: number | null, offences: number | null) =>
  sd === null || offences === null || offences === 0 ? null : (sd / offences) * 100;

/** Builds the table: one row per category, a subtotal per major group and the TNO row, each with its change. */
export function buildCrimeTable(input: CrimeTableInput): CrimeTable {
  const current = yearInfo(input.current);
  const previous = yearInfo(input.previous);
  const previousHeld = previous.monthsHeld.length > 0;
  const sd = input.sanctionDetections;
  const row = (kind: CrimeTableRow['kind'], major: string, minor: string | null, keys: string[]): CrimeTableRow => {
    const now = sum(keys.map((k) => input.current.offences.get(k) ?? 0));
    const before = previousHeld ? sum(keys.map((k) => input.previous.offences.get(k) ?? 0)) : null;
    const note = changeNoteFor(current, previous, before);
    const sdNow = sd ? sum(keys.map((k) => sd.current.get(k) ?? 0)) : null;
    const sdBefore = sd && previousHeld ? sum(keys.map((k) => sd.previous.get(k) ?? 0)) : null;
    const rates = { current: rate(sdNow, now), previous: rate(sdBefore, before) };
    const comparable = note === null || note === 'previous year is 0';
    return {
      kind,
      major,
      minor,
      offences: { current: now, previous: before },
      percentChange: note === null && before !== null ? percentChange(before, now) : null,
      changeNote: note,
      sanctionDetections: { current: sdNow, previous: sdBefore },
      sdRate: rates,
      sdRatePointChange:
        comparable && rates.current !== null && rates.previous !== null ? rates.current - rates.previous : null,
    };
  };
  // Every counted category must have its row, or the rows would not add up to the total beside them.
  const listed = new Set(input.categories.map(categoryKey));
  for (const y of [input.current, input.previous])
    for (const key of y.offences.keys())
      if (!listed.has(key)) throw new RangeError(`category ${key} is counted but not among the table's categories`);
  const byMajor = new Map<string, Category[]>();
  for (const c of sortCategories(input.categories)) byMajor.set(c.major, [...(byMajor.get(c.major) ?? []), c]);
  const rows: CrimeTableRow[] = [];
  for (const [major, categories] of byMajor) {
    for (const c of categories) rows.push(row('category', c.major, c.minor, [categoryKey(c)]));
    rows.push(row('major', major, null, categories.map(categoryKey)));
  }
  const total = row('total', 'Total Notifiable Offences', null, input.categories.map(categoryKey));
  rows.push(total);
  return {
    area: input.area,
    classification: input.classification,
    current,
    previous,
    rows,
    total,
    sanctionDetections: sd ? { held: true, reason: null } : { held: false, reason: SANCTIONS_NOT_HELD },
    asOf: input.asOf ?? null,
    extractDates: [...new Set(input.extractDates ?? [])].sort(),
  };
}

/** Majors then minors, alphabetically and ignoring case, as the MPS files list them. */
export function sortCategories(categories: readonly Category[]): Category[] {
  const cmp = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
  return [...categories].sort((a, b) => cmp(a.major, b.major) || cmp(a.minor, b.minor));
}
