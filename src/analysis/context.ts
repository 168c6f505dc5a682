import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { parsePeriod, PeriodParseError } from '../domain/periods/parsePeriod.ts';
import type { Period } from '../domain/periods/period.ts';
import { crudeRate } from '../domain/stats/crudeRate.ts';
import type { TargetArea } from './areas.ts';
import { coveredMonths, countByMonth, type CountRow, type GroupKey } from './counts.ts';
import { AnalysisError, type Figure } from './figure.ts';
import type { AnalysisRequest, SourceId } from './request.ts';
import type { CountSpec, Selection } from './selection.ts';
import { SOURCE_INFO, type SourceInfo } from './sources.ts';

/** Everything an analysis needs, resolved once per request. */
export interface AnalysisContext {
  db: Kysely<DB>;
  request: AnalysisRequest;
  selection: Selection;
  target: TargetArea;
  period: Period;
  spec: CountSpec;
  source: SourceInfo;
  warnings: string[];
  extractDates: Set<string>;
  denominator: string | null;
}

export function periodOf(label: string): Period {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodParseError) throw new AnalysisError('INVALID', error.message);
    throw error;
  }
}

/** Counts for the context's definition, source and area over a period, summed over months; records extract dates. */
export async function countIn(
  ctx: AnalysisContext,
  period: Period,
  groupBy: GroupKey = 'none',
  target: TargetArea = ctx.target,
): Promise<CountRow[]> {
  const rows = await countByMonth(ctx.db, {
    spec: ctx.spec,
    target,
    from: period.start,
    to: period.end,
    asOf: ctx.request.asOf,
    groupBy,
  });
  rows.forEach((r) => ctx.extractDates.add(r.extractDate));
  return rows;
}

/**
 * Months of the period the source covers for the area; warns when some are missing, so a short count is never
 * read as a fall. False when it covers none: the caller says why (noDataReason.ts), once no other source can.
 */
export async function checkCoverage(
  ctx: AnalysisContext,
  period: Period,
  target: TargetArea = ctx.target,
): Promise<boolean> {
  const covered = await coveredMonths(ctx.db, {
    spec: ctx.spec,
    target,
    from: period.start,
    to: period.end,
    asOf: ctx.request.asOf,
  });
  const expected = monthsOf(period);
  const missing = expected.filter((m) => !covered.has(m));
  if (missing.length === expected.length) return false;
  if (missing.length > 0)
    ctx.warnings.push(
      `${ctx.source.name} has no data for ${missing.length} of ${expected.length} months of ${period.label} in ${target.name} (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): the count is partial`,
    );
  return true;
}

export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = period.start.split('-').map(Number) as [number, number];
  const [ey, em] = period.end.split('-').map(Number) as [number, number];
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export const total = (rows: readonly CountRow[]) => rows.reduce((a, r) => a + r.count, 0);

export function sumByGroup(rows: readonly CountRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.group, (out.get(r.group) ?? 0) + r.count);
  return out;
}

const latest = (rows: readonly CountRow[]) =>
  rows.reduce<string | null>((a, r) => (a === null || r.extractDate > a ? r.extractDate : a), null);

/** A count with its rate and limits, or the count alone when there is no denominator. */
export function rateFigure(
  ctx: AnalysisContext,
  group: Record<string, string>,
  count: number,
  population: number,
  rows: readonly CountRow[],
  multiplier = 1000,
): Figure {
  const base = { group, definition: ctx.selection.definition.id, source: ctx.source.name, extractDate: latest(rows) };
  if (!(population > 0)) {
    return {
      ...base,
      count,
      denominator: null,
      rate: null,
      lower: null,
      upper: null,
      multiplier: null,
      method: 'count',
      confidence: null,
    };
  }
  const r = crudeRate(count, population, { multiplier, confidence: ctx.request.confidence });
  return {
    ...base,
    count,
    denominator: population,
    rate: r.value,
    lower: r.lower,
    upper: r.upper,
    multiplier,
    method: `crude rate per ${multiplier.toLocaleString('en-GB')}, ${r.method} limits`,
    confidence: r.confidence,
  };
}

/** Picks the first source that can produce the figure for the area and breakdown, or says why none can. */
export function chooseSource(
  selection: Selection,
  target: TargetArea,
  request: AnalysisRequest,
  canGroup: (s: SourceInfo) => string | null,
  preference: SourceId[],
): { usable: { spec: CountSpec; source: SourceInfo }[]; reasons: string[] } {
  const order = request.source ? [request.source] : preference;
  const reasons: string[] = [];
  const usable: { spec: CountSpec; source: SourceInfo }[] = [];
  for (const id of order) {
    const source = SOURCE_INFO[id];
    const spec = selection.specs[id];
    if (!spec) {
      reasons.push(...(selection.unsupported[id] ?? [`${source.name} cannot produce ${selection.definition.name}`]));
      continue;
    }
    const whyNot = canGroup(source);
    if (whyNot) {
      reasons.push(whyNot);
      continue;
    }
    usable.push({ spec, source });
  }
  if (usable.length === 0)
    throw new AnalysisError(
      'UNSUPPORTED',
      `cannot produce ${selection.definition.name} for ${target.name}: ${[...new Set(reasons)].join('; ')}`,
    );
  return { usable, reasons: [...new Set(reasons)] };
}
