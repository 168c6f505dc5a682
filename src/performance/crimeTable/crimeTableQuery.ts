import type { Kysely } from 'kysely';
import { formatDate, slices, sliceVersion } from '../../analysis/sliceScope.ts';
import type { DB } from '../../db/schema.ts';
import { monthToDate, type Month } from '../../domain/periods/month.ts';
import { categoryKey, type Category, type MonthCount, type MpsClassification } from './crimeTable.ts';

/*
 * What the crime tables read: the MPS borough counts of ONE classification, from the current (or as-of) revision
 * slices, as every figure reads them (sliceVersion in src/analysis/sliceScope.ts; docs/ingest.md).
 *
 * Not through runAnalysis: its `by: 'category'` gives a period's totals, not each category's months, and it
 * counts a month from the Home Office aligned series wherever that series holds it (PREFER_HO_ALIGNED in
 * src/analysis/countTables.ts), so an old-classification table could not be asked for once both files are
 * imported. Here the series is named outright: `mps-borough/ho_aligned` or `mps-borough/mps_old`.
 */

export const seriesOf = (classification: MpsClassification): string => `mps-borough/${classification}`;

export interface MonthRange {
  from: Month;
  to: Month;
}

export interface AreaFound {
  code: string;
  name: string;
  type: string;
}

const e = slices;
const MONTH = formatDate(e.ref('s.month'), 'YYYY-MM');
const EXTRACT = formatDate(e.fn.max('s.extract_date'), 'YYYY-MM-DD');

const inRanges = (ranges: readonly MonthRange[]) =>
  e.or(ranges.map((r) => e.between('s.month', monthToDate(r.from), monthToDate(r.to))));

/** The area by GSS code or name (any case); a name shared by a ward and a borough finds the borough. */
export async function findArea(db: Kysely<DB>, codeOrName: string): Promise<AreaFound | undefined> {
  const text = codeOrName.trim();
  const rows = await db
    .selectFrom('area')
    .select(['code', 'name', 'type'])
    .where((eb) => eb.or([eb('code', '=', text.toUpperCase()), eb(eb.fn('lower', ['name']), '=', text.toLowerCase())]))
    .execute();
  return rows.find((r) => r.type === 'borough') ?? rows[0];
}

/**
 * The area's offences per month and category in the ranges. Every slice the area holds in a range gives at least
 * one row (key null when it holds no offence: the importer stores a month of zeros as an empty slice), so the
 * months a year has are read from the same rows as its counts.
 */
export async function monthlyCounts(
  db: Kysely<DB>,
  q: { classification: MpsClassification; areaCode: string; ranges: readonly MonthRange[]; asOf?: string },
): Promise<{ rows: MonthCount[]; extractDates: string[] }> {
  const rows = await db
    .selectFrom('count_slice as s')
    .leftJoin('crime_count as c', (join) => join.onRef('c.slice_id', '=', 's.id').on('c.measure', '=', 'offences'))
    .leftJoin('offence_category as oc', 'oc.id', 'c.category_id')
    .select((eb) => [
      MONTH.as('month'),
      'oc.major',
      'oc.minor',
      eb.cast<string>(eb.fn.coalesce(eb.fn.sum('c.value'), eb.lit(0)), 'int8').as('n'),
      EXTRACT.as('extract'),
    ])
    .where('s.series', '=', seriesOf(q.classification))
    .where('s.area_code', '=', q.areaCode)
    .where(inRanges(q.ranges))
    .where(sliceVersion(q.asOf))
    .groupBy(['s.month', 'oc.major', 'oc.minor'])
    .execute();
  return {
    rows: rows.map((r) => ({
      month: r.month,
      key: r.major === null ? null : categoryKey({ major: r.major, minor: r.minor ?? '' }),
      offences: Number(r.n),
    })),
    extractDates: [...new Set(rows.map((r) => r.extract))].sort(),
  };
}

/**
 * The categories the classification's borough files hold in the ranges, in any borough: the table's rows, so an
 * area is shown every category London's files publish for those years, zero where it has none.
 */
export async function heldCategories(
  db: Kysely<DB>,
  q: { classification: MpsClassification; ranges: readonly MonthRange[]; asOf?: string },
): Promise<Category[]> {
  return db
    .selectFrom('count_slice as s')
    .innerJoin('crime_count as c', 'c.slice_id', 's.id')
    .innerJoin('offence_category as oc', 'oc.id', 'c.category_id')
    .select(['oc.major', 'oc.minor'])
    .distinct()
    .where('s.series', '=', seriesOf(q.classification))
    .where('c.measure', '=', 'offences')
    .where(inRanges(q.ranges))
    .where(sliceVersion(q.asOf))
    .execute();
}

/** Every catalogue category of the classification (offence_category), to resolve a basket by name. */
export async function catalogueCategories(db: Kysely<DB>, classification: MpsClassification): Promise<Category[]> {
  return db
    .selectFrom('offence_category')
    .select(['major', 'minor'])
    .where('classification', '=', classification)
    .execute();
}

/** The first and last month the area's current (or as-of) slices hold: what a "no data" message can offer instead. */
export async function heldMonths(
  db: Kysely<DB>,
  q: { classification: MpsClassification; areaCode: string; asOf?: string },
): Promise<MonthRange | null> {
  const row = await db
    .selectFrom('count_slice as s')
    .select([
      formatDate(e.fn.min('s.month'), 'YYYY-MM').as('from'),
      formatDate(e.fn.max('s.month'), 'YYYY-MM').as('to'),
    ])
    .where('s.series', '=', seriesOf(q.classification))
    .where('s.area_code', '=', q.areaCode)
    .where(sliceVersion(q.asOf))
    .executeTakeFirst();
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}
