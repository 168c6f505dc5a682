import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isTotalNotifiable } from '../../domain/classifications/totalNotifiable.ts';
import { parsePeriod, PeriodParseError } from '../../domain/periods/parsePeriod.ts';
import { previousPeriod, type Period } from '../../domain/periods/period.ts';
import {
  buildBaselineTable,
  overlapIn,
  type BaselineTable,
  type BasketItem,
  type ChangeTarget,
} from './baselineTable.ts';
import {
  buildCrimeTable,
  CLASSIFICATION_NAMES,
  yearCounts,
  type Category,
  type CrimeTable,
  type MpsClassification,
  type SanctionDetections,
  type YearCounts,
} from './crimeTable.ts';
import { CrimeTableError } from './crimeTableError.ts';
import { catalogueCategories, findArea, heldCategories, heldMonths, monthlyCounts } from './crimeTableQuery.ts';

/* The crime tables from the database: checks the request, reads the counts (crimeTableQuery.ts), builds (pure files). */

export interface CrimeTableRequest {
  /** GSS code (E09000030) or name of a London borough. */
  area: string;
  /** A financial year, '2015/16'. */
  year: string;
  /** The year compared with; the previous financial year when absent. */
  compareWith?: string;
  classification: MpsClassification;
  /** Read the slices current on this extract date (YYYY-MM-DD), as every figure can be. */
  asOf?: string;
}

export interface BaselineTableRequest {
  area: string;
  basket: readonly BasketItem[];
  year: string;
  baseline: string;
  target: ChangeTarget;
  asOf?: string;
}

type Area = { code: string; name: string };

export async function loadCrimeTable(
  db: Kysely<DB>,
  request: CrimeTableRequest,
  options: { sanctionDetections?: SanctionDetections } = {},
): Promise<CrimeTable> {
  const classification = checkClassification(request.classification);
  const asOf = checkAsOf(request.asOf);
  const current = financialYearOf(request.year);
  const previous = request.compareWith === undefined ? previousPeriod(current) : financialYearOf(request.compareWith);
  const area = await boroughOf(db, request.area);
  const read = await readYears(db, classification, area, [current, previous], asOf);
  await refuseEmpty(db, classification, area, read.years[0]!, asOf);
  const categories = await heldCategories(db, { classification, ranges: [current, previous].map(range), asOf });
  return buildCrimeTable({
    area,
    classification,
    categories,
    current: read.years[0]!,
    previous: read.years[1]!,
    asOf: asOf ?? null,
    extractDates: read.extractDates,
    ...(options.sanctionDetections ? { sanctionDetections: options.sanctionDetections } : {}),
  });
}

export async function loadBaselineTable(db: Kysely<DB>, request: BaselineTableRequest): Promise<BaselineTable> {
  const asOf = checkAsOf(request.asOf);
  const current = financialYearOf(request.year);
  const baseline = financialYearOf(request.baseline);
  if (request.basket.length === 0) throw new CrimeTableError('INVALID', 'the basket names no category');
  if (!(request.target.percentChange < 0 && request.target.percentChange > -100))
    throw new CrimeTableError(
      'INVALID',
      `the target must be a reduction, a % change between 0 and -100 (e.g. -20), not ${request.target.percentChange}`,
    );
  const area = await boroughOf(db, request.area);
  const classifications = [...new Set(request.basket.map((i) => checkClassification(i.classification)))];
  const catalogues = new Map<MpsClassification, Category[]>();
  for (const c of classifications) catalogues.set(c, await catalogueCategories(db, c));
  const items = request.basket.map((item) => ({
    item,
    categories: resolveItem(item, catalogues.get(item.classification)!),
  }));
  const twice = overlapIn(items);
  if (twice)
    throw new CrimeTableError('INVALID', `two lines of the basket both take ${twice}: its total would count it twice`);
  const counts: Partial<Record<MpsClassification, { current: YearCounts; baseline: YearCounts }>> = {};
  const extractDates: string[] = [];
  for (const c of classifications) {
    const read = await readYears(db, c, area, [current, baseline], asOf);
    for (const y of read.years) await refuseEmpty(db, c, area, y, asOf);
    counts[c] = { current: read.years[0]!, baseline: read.years[1]! };
    extractDates.push(...read.extractDates);
  }
  return buildBaselineTable({ area, items, counts, target: request.target, asOf: asOf ?? null, extractDates });
}

/** The categories a basket item stands for: one minor, a whole major, or every category for TNO. */
function resolveItem(item: BasketItem, catalogue: readonly Category[]): Category[] {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
  const named = `${item.major}${item.minor === undefined ? '' : ` / ${item.minor}`}`;
  if (isTotalNotifiable(item.classification, item))
    return catalogue.filter((c) => !isTotalNotifiable(item.classification, c));
  const inMajor = catalogue.filter((c) => norm(c.major) === norm(item.major));
  const found = item.minor === undefined ? inMajor : inMajor.filter((c) => norm(c.minor) === norm(item.minor!));
  if (found.length > 0) return found;
  const known =
    inMajor.length > 0
      ? `${item.major} has the minors ${inMajor.flatMap((c) => (c.minor ? [c.minor] : [])).join(', ')}`
      : `its majors are ${[...new Set(catalogue.map((c) => c.major))].join(', ')}`;
  throw new CrimeTableError(
    'UNKNOWN_CATEGORY',
    `the ${CLASSIFICATION_NAMES[item.classification]} has no category "${named}": ${known}`,
  );
}

async function readYears(
  db: Kysely<DB>,
  classification: MpsClassification,
  area: Area,
  years: Period[],
  asOf: string | undefined,
): Promise<{ years: YearCounts[]; extractDates: string[] }> {
  const read = await monthlyCounts(db, { classification, areaCode: area.code, ranges: years.map(range), asOf });
  return { years: years.map((p) => yearCounts(p, read.rows)), extractDates: read.extractDates };
}

/** A year with no month at all is refused: a table of zeros would read as no crime. */
async function refuseEmpty(
  db: Kysely<DB>,
  classification: MpsClassification,
  area: Area,
  year: YearCounts,
  asOf: string | undefined,
): Promise<void> {
  if (year.monthsHeld.length > 0) return;
  const held = await heldMonths(db, { classification, areaCode: area.code, asOf });
  throw new CrimeTableError(
    'NO_DATA',
    `the MPS borough counts in the ${CLASSIFICATION_NAMES[classification]} hold no month of ${year.period.label} for ` +
      `${area.name} (${area.code})${asOf ? ` as of ${asOf}` : ''}: ` +
      (held ? `they hold ${held.from} to ${held.to}` : 'none are imported for it'),
  );
}

async function boroughOf(db: Kysely<DB>, input: string): Promise<Area> {
  const found = await findArea(db, input);
  if (!found)
    throw new CrimeTableError(
      'UNKNOWN_AREA',
      `no area is called or coded "${input}" (give a GSS code such as E09000030)`,
    );
  if (found.type !== 'borough')
    throw new CrimeTableError(
      'UNSUPPORTED_AREA',
      `${found.name} (${found.code}) is a ${found.type}: the MPS borough files count London boroughs only`,
    );
  return { code: found.code, name: found.name };
}

function financialYearOf(label: string): Period {
  let period: Period;
  try {
    period = parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodParseError) throw new CrimeTableError('INVALID', error.message);
    throw error;
  }
  if (period.kind !== 'financial year')
    throw new CrimeTableError(
      'INVALID',
      `"${label}" is a ${period.kind}; the crime tables need a financial year (2015/16)`,
    );
  return period;
}

function checkClassification(value: string): MpsClassification {
  if (value === 'ho_aligned' || value === 'mps_old') return value;
  throw new CrimeTableError('INVALID', `"${value}" is not an MPS classification: use ho_aligned or mps_old`);
}

function checkAsOf(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new CrimeTableError('INVALID', `as of "${value}": write the extract date as YYYY-MM-DD`);
  return value;
}

const range = (p: Period) => ({ from: p.start, to: p.end });
