import { expressionBuilder, sql, type AliasedRawBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { monthToDate, type Month } from '../domain/periods/month.ts';
import type { SourceInfo } from './sources.ts';

/*
 * Every figure reads revision slices (count_slice, alias s) joined to one pre-aggregate (alias a). Conditions
 * and group keys over those two aliases are typed expressions built here, so that counts (counts.ts), the
 * area conditions (areas.ts) and the questions asked when a figure finds nothing (sourceCoverage.ts) share
 * them, and raw queries elsewhere (analyses/recordProfiles.ts) can still embed them.
 */

/** The aggregates a count reads, each joined to its slices as `a`. */
type AggregateTables = Pick<
  DB,
  | 'crime_count'
  | 'mps_vawg_offence_count'
  | 'agg_police_uk_street'
  | 'agg_stop_search'
  | 'agg_partner_definition'
  | 'agg_partner_police'
  | 'agg_partner_police_core'
  | 'agg_partner_police_time'
  | 'agg_partner_police_lsoa'
>;
export type AggregateTable = keyof AggregateTables;
type AnyAggregate = AggregateTables[AggregateTable];
type ColumnOf<T> = T extends unknown ? keyof T : never;

/** A row of whichever aggregate is joined as `a`: every column any of them has, typed as its table(s) declare it. */
export type AggregateRow = {
  [C in ColumnOf<AnyAggregate>]: AnyAggregate extends infer T ? (T extends Record<C, infer V> ? V : never) : never;
};
export type AggregateColumn = `a.${keyof AggregateRow & string}`;

/** The tables a slice query sees: the slices (s), the aggregate joined to them (a), and every table for subqueries. */
export type SliceTables = DB & { s: DB['count_slice']; a: AggregateRow };

/** Typed expressions over `s` and `a`, built outside any one query. */
export const slices = expressionBuilder<SliceTables, 's' | 'a'>();

/**
 * The aggregate `table` as `a`, to join to the slices. Raw: which aggregate a figure reads depends on its source
 * and grouping (countTables.ts), and Kysely types a join by one literal table name; this names the table and types
 * its row as AggregateRow, which every column reference is then checked against.
 */
export const aggregateAs = (table: AggregateTable): AliasedRawBuilder<AggregateRow, 'a'> =>
  sql<AggregateRow>`${sql.table(table)}`.as('a');

/** A date column as 'YYYY-MM' (or another to_char format). */
export const formatDate = (column: Expression<string | null>, format: 'YYYY-MM' | 'YYYY-MM-DD') =>
  slices.fn<string>('to_char', [column, slices.val(format)]);

const CURRENT = slices('s.superseded_by', 'is', null);

/** Slices current now, or current on the as-of date. */
export function sliceVersion(asOf: string | undefined): Expression<SqlBool> {
  const e = slices;
  if (!asOf) return CURRENT;
  const supersededOn = e
    .selectFrom('import_batch as b')
    .select('b.extract_date')
    .whereRef('b.id', '=', 's.superseded_by');
  return e.and([
    e('s.extract_date', '<=', asOf),
    e.or([e('s.superseded_by', 'is', null), e(supersededOn.$asScalar(), '>', asOf)]),
  ]);
}

/** Slices of the source in the months from..to: the range every figure reads. */
export const slicesOf = (source: SourceInfo, from: Month, to: Month): Expression<SqlBool> =>
  slices.and([
    slices('s.series', 'like', source.series),
    slices.between('s.month', monthToDate(from), monthToDate(to)),
  ]);

/**
 * Partner aggregate rows (alias a) carry their slice's month (migration 0011). Saying so lets a borough's
 * figure read its rows of the period through (borough_code, month, slice_id), where the borough alone gave
 * it every month's rows (partner slices are wards, so the slice side cannot pick a borough): the range
 * serves a scan of the period, the equality a look-up per slice (s), exact on all three columns.
 * Other sources: null (no condition).
 */
export function partnerMonths(source: SourceInfo, from: Month, to: Month): Expression<SqlBool> | null {
  if (source.id !== 'partner-police') return null;
  return slices.and([
    slices('a.month', '=', slices.ref('s.month')),
    slices.between('a.month', monthToDate(from), monthToDate(to)),
  ]);
}

/** partnerMonths as one condition (true for other sources), for queries that embed it. */
export const aggregateMonths = (source: SourceInfo, from: Month, to: Month): Expression<SqlBool> =>
  partnerMonths(source, from, to) ?? slices.lit(true);
