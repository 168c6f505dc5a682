import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Month } from '../domain/periods/month.ts';
import { areaCondition, type TargetArea } from './areas.ts';
import { tableFor } from './countTables.ts';
import { AnalysisError } from './figure.ts';
import { groupExpression, type GroupKey } from './groupKeys.ts';
import { isPersonGroup, personGroupRows, type GroupedRow } from './personGroupCounts.ts';
import { remembered } from './referenceMemo.ts';
import type { CountSpec } from './selection.ts';
import { aggregateAs, formatDate, partnerMonths, slices, slicesOf, sliceVersion } from './sliceScope.ts';
import { SOURCE_INFO } from './sources.ts';

export type { GroupKey } from './groupKeys.ts';
export { aggregateMonths, sliceVersion } from './sliceScope.ts';

export interface CountRow {
  month: Month;
  group: string;
  count: number;
  extractDate: string;
}

export interface CountQuery {
  spec: CountSpec;
  target: TargetArea;
  from: Month;
  to: Month;
  asOf?: string;
  groupBy?: GroupKey;
  /** Dashboard measure ('offences' or 'positive_outcomes'). */
  measure?: string;
}

const MONTH = formatDate(slices.ref('s.month'), 'YYYY-MM');
const LATEST_EXTRACT = formatDate(slices.fn.max('s.extract_date'), 'YYYY-MM-DD');
const BY_MONTH_AND_GROUP = [slices.lit(1), slices.lit(2)];

/** Monthly counts (optionally by a group) read from the aggregates of current or as-of slices. Never scans raw records. */
export async function countByMonth(db: Kysely<DB>, q: CountQuery): Promise<CountRow[]> {
  const source = SOURCE_INFO[q.spec.source];
  const group = q.groupBy ?? 'none';
  const where = areaCondition(source, q.target);
  if (!where)
    throw new AnalysisError(
      'UNSUPPORTED',
      `${source.name} cannot be counted for a ${q.target.type} (${q.target.name})`,
    );
  const key = groupExpression(source, group);
  if (!key) throw new AnalysisError('UNSUPPORTED', `${source.name} cannot be broken down by ${group}`);
  const table = tableFor(source, q.spec, group, q.measure ?? 'offences');
  const conditions = [
    slicesOf(source, q.from, q.to),
    sliceVersion(q.asOf),
    where,
    partnerMonths(source, q.from, q.to),
    table.extra,
    table.filter,
  ].filter((c) => c !== null);
  if (source.id === 'partner-police' && q.target.type !== 'region' && isPersonGroup(group)) {
    const tableOf = (g: GroupKey) => tableFor(source, q.spec, g, q.measure ?? 'offences');
    const shared = await personGroupRows(db, group, tableOf, slices.and(conditions));
    if (shared !== null) return shared.map(countRow);
  }
  const query = db
    .selectFrom('count_slice as s')
    .innerJoin(aggregateAs(table.table), (join) => {
      const onSlice = join.onRef('a.slice_id', '=', 's.id');
      return table.definitionKey === undefined ? onSlice : onSlice.on('a.definition_key', '=', table.definitionKey);
    })
    .select([
      MONTH.as('month'),
      key.as('grp'),
      slices.cast<number | string>(slices.fn.coalesce(slices.fn.sum(table.counted), slices.lit(0)), 'int8').as('n'),
      LATEST_EXTRACT.as('extract'),
    ])
    .where(slices.and(conditions))
    // By position: the group key may be a subquery, whose parameters would not match were it written again.
    .groupBy(BY_MONTH_AND_GROUP);
  // London-wide counts (the ranking's boroughs, the benchmark's total) are the same whichever borough a page is
  // about, so within a request's data-version scope they are asked once per version, keyed by the statement itself
  // (its SQL and values: a different question is a different key). Kept to London's few rows a month: an area's
  // counts by LSOA would make the memo large, and are asked by one page each.
  const compiled = query.compile();
  const rows =
    q.target.type === 'region'
      ? await remembered(db, 'londonCounts', statementKey(compiled.sql, compiled.parameters), () => query.execute())
      : await query.execute();
  return rows.map(countRow);
}

const countRow = (r: GroupedRow): CountRow => ({
  month: r.month,
  group: r.grp ?? 'unknown',
  count: Number(r.n),
  extractDate: isoDate(r.extract),
});

/** A statement and its values as one memo key (values as JSON; a bigint as its digits). */
const statementKey = (sqlText: string, parameters: readonly unknown[]) =>
  `${sqlText}\u0000${JSON.stringify(parameters, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;

/** Months for which the source holds any current (or as-of) slice in the target area: zero counts are data only there. */
export async function coveredMonths(db: Kysely<DB>, q: Omit<CountQuery, 'groupBy'>): Promise<Set<Month>> {
  // What the query reads: the source, the coverage key, the area and the months (never the spec's filter).
  const key = JSON.stringify([q.spec.source, q.spec.coverageKey ?? null, q.target, q.from, q.to, q.asOf ?? null]);
  return new Set(await remembered(db, 'coveredMonths', key, async () => [...(await lookUpCoveredMonths(db, q))]));
}

async function lookUpCoveredMonths(db: Kysely<DB>, q: Omit<CountQuery, 'groupBy'>): Promise<Set<Month>> {
  const source = SOURCE_INFO[q.spec.source];
  const where = areaCondition(source, q.target);
  if (!where) return new Set();
  const e = slices;
  const months = partnerMonths(source, q.from, q.to);
  // Partner conditions test the aggregate (alias a); coverage is about slices, so test the slice side only.
  // police.uk street slices cover a borough: a ward or LSOA is covered in the months it has records.
  // Partner coverage reads all records' counts per slice when they are filled (agg_partner_definition), else the record-level aggregate.
  const rowsOf = (table: 'agg_partner_definition' | 'agg_partner_police_core' | 'agg_police_uk_street') =>
    e
      .selectFrom(aggregateAs(table))
      .select(e.lit(1).as('one'))
      .whereRef('a.slice_id', '=', 's.id')
      .$if(table === 'agg_partner_definition', (qb) => qb.where('a.definition_key', '=', q.spec.coverageKey!))
      .$if(months !== null, (qb) => qb.where(months!))
      .where(where);
  const sliceWhere =
    source.id === 'partner-police' && q.target.type !== 'ward'
      ? e.exists(rowsOf(q.spec.coverageKey ? 'agg_partner_definition' : 'agg_partner_police_core'))
      : source.id === 'police-uk-street' && (q.target.type === 'ward' || q.target.type === 'lsoa')
        ? e.exists(rowsOf('agg_police_uk_street'))
        : where;
  const rows = await db
    .selectFrom('count_slice as s')
    .select(MONTH.as('month'))
    .distinct()
    .where(slices.and([slicesOf(source, q.from, q.to), sliceVersion(q.asOf), sliceWhere]))
    .execute();
  return new Set(rows.map((r) => r.month));
}

export function isoDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
