import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { monthToDate, type Month } from '../domain/periods/month.ts';
import { areaCondition, boroughExpression, type TargetArea } from './areas.ts';
import { AnalysisError } from './figure.ts';
import type { CountSpec } from './selection.ts';
import { SOURCE_INFO, type SourceInfo } from './sources.ts';

/** What a count can be grouped by besides the month. */
export type GroupKey =
  | 'none'
  | 'category'
  | 'borough'
  | 'ward'
  | 'lsoa'
  | 'victim-age'
  | 'suspect-age'
  | 'victim-sex'
  | 'suspect-sex'
  | 'victim-ethnicity'
  | 'suspect-ethnicity'
  | 'sanction'
  | 'hour'
  | 'weekday'
  | 'hour-weekday'
  | 'window-date'
  | 'ethnicity'
  | 'age'
  | 'sex'
  | 'object'
  | 'outcome'
  | 'point';

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

/** Slices current now, or current on the as-of date. */
export function sliceVersion(asOf: string | undefined): RawBuilder<boolean> {
  if (!asOf) return sql<boolean>`s.superseded_by IS NULL`;
  return sql<boolean>`s.extract_date <= ${asOf}::date AND (s.superseded_by IS NULL OR (SELECT b.extract_date FROM import_batch b WHERE b.id = s.superseded_by) > ${asOf}::date)`;
}

/**
 * Partner aggregate rows (alias a) carry their slice's month (migration 0011). Saying so lets a borough's
 * figure read its rows of the period through (borough_code, month, slice_id), where the borough alone gave
 * it every month's rows (partner slices are wards, so the slice side cannot pick a borough): the range
 * serves a scan of the period, the equality a look-up per slice (s), exact on all three columns.
 * Other sources: true.
 */
export function aggregateMonths(source: SourceInfo, from: Month, to: Month): RawBuilder<boolean> {
  if (source.id !== 'partner-police') return sql<boolean>`true`;
  return sql<boolean>`a.month = s.month AND a.month BETWEEN ${monthToDate(from)}::date AND ${monthToDate(to)}::date`;
}

/** Where a month is covered by both MPS classifications, the Home Office aligned series counts and the old one does not. */
const PREFER_HO_ALIGNED = sql<boolean>`NOT (s.series LIKE '%/mps_old' AND EXISTS (
  SELECT 1 FROM count_slice h WHERE h.series = replace(s.series, '/mps_old', '/ho_aligned') AND h.area_code = s.area_code AND h.month = s.month AND h.superseded_by IS NULL))`;

interface SourceTable {
  join: RawBuilder<unknown>;
  count: RawBuilder<number>;
  extra: RawBuilder<boolean>;
  /** What is counted; the spec's filter unless the table holds the definition's counts already. */
  filter: RawBuilder<boolean>;
}

/** Groups a definition's counts per slice and borough can answer (agg_partner_definition). */
const DEFINITION_GROUPS: ReadonlySet<GroupKey> = new Set(['none', 'borough', 'ward']);

function tableFor(source: SourceInfo, spec: CountSpec, group: GroupKey, measure: string): SourceTable {
  switch (source.id) {
    case 'mps-borough':
    case 'mps-ward':
    case 'mps-lsoa':
      return {
        join: sql`JOIN crime_count a ON a.slice_id = s.id`,
        count: sql<number>`sum(a.value)`,
        extra: sql<boolean>`a.measure = 'offences' AND ${PREFER_HO_ALIGNED}`,
        filter: spec.filter,
      };
    case 'mps-dashboard':
      return {
        join: sql`JOIN crime_count a ON a.slice_id = s.id`,
        count: sql<number>`sum(a.value)`,
        extra: sql<boolean>`a.measure = ${measure}`,
        filter: spec.filter,
      };
    case 'mps-vawg-offences':
      return {
        join: sql`JOIN mps_vawg_offence_count a ON a.slice_id = s.id`,
        count: sql<number>`sum(a.value)`,
        extra: sql<boolean>`lower(s.scope) = 'offence count location'`,
        filter: spec.filter,
      };
    case 'police-uk-street':
      return {
        join: sql`JOIN agg_police_uk_street a ON a.slice_id = s.id`,
        count: sql<number>`sum(a.n)`,
        extra: sql<boolean>`true`,
        filter: spec.filter,
      };
    case 'police-uk-stop-search':
      return {
        join: sql`JOIN agg_stop_search a ON a.slice_id = s.id`,
        count: sql<number>`sum(a.n)`,
        extra: sql<boolean>`true`,
        filter: spec.filter,
      };
    case 'partner-police': {
      if (spec.definitionKey && DEFINITION_GROUPS.has(group)) {
        const n = spec.counts === 'victims' ? sql.ref('a.n_records') : sql.ref('a.n_offences');
        return {
          join: sql`JOIN agg_partner_definition a ON a.slice_id = s.id AND a.definition_key = ${spec.definitionKey}`,
          count: sql<number>`sum(${n})`,
          extra: sql<boolean>`true`,
          filter: sql<boolean>`true`,
        };
      }
      const table = ['hour', 'weekday', 'hour-weekday', 'window-date'].includes(group)
        ? 'agg_partner_police_time'
        : group === 'lsoa'
          ? 'agg_partner_police_lsoa'
          : /-(sex|ethnicity)$/.test(group)
            ? 'agg_partner_police'
            : 'agg_partner_police_core';
      // Victim and suspect breakdowns count people-records; everything else counts what the definition counts.
      const n =
        spec.counts === 'victims' || /^(victim|suspect)-/.test(group)
          ? sql.ref('a.n_records')
          : sql.ref('a.n_offences');
      return {
        join: sql`JOIN ${sql.table(table)} a ON a.slice_id = s.id`,
        count: sql<number>`sum(${n})`,
        extra: sql<boolean>`true`,
        filter: spec.filter,
      };
    }
  }
}

const PARTNER_GROUPS: Partial<Record<GroupKey, string>> = {
  'victim-age': 'a.victim_band',
  'suspect-age': 'a.suspect_band',
  'victim-sex': 'a.victim_sex',
  'suspect-sex': 'a.suspect_sex',
  'victim-ethnicity': 'a.victim_ethnicity',
  'suspect-ethnicity': 'a.suspect_ethnicity',
  hour: 'a.hour',
  weekday: 'a.weekday',
  'window-date': 'a.window_date',
};
const STOP_SEARCH_GROUPS: Partial<Record<GroupKey, string>> = {
  ethnicity: 'a.ethnic_group',
  age: 'a.age_range',
  sex: 'a.gender',
  object: 'a.object_of_search',
  outcome: 'a.outcome',
};

function groupExpression(source: SourceInfo, group: GroupKey): RawBuilder<string> | null {
  if (group === 'none') return sql<string>`''`;
  if (group === 'borough') return boroughExpression(source);
  const hasCategory = source.classifications.length > 0;
  if (group === 'category') {
    return hasCategory
      ? sql<string>`(SELECT oc.major || CASE WHEN oc.minor <> '' THEN ' / ' || oc.minor ELSE '' END FROM offence_category oc WHERE oc.id = a.category_id)`
      : null;
  }
  if (group === 'ward') {
    if (source.id === 'mps-vawg-offences') return sql<string>`a.ward_name`;
    if (source.sliceLevel === 'ward') return sql<string>`s.area_code`;
    if (source.id === 'police-uk-street')
      return sql<string>`(SELECT max(l.to_code) FROM area_lookup l WHERE l.relation LIKE 'lsoa21_to_ward%' AND l.from_code = a.lsoa_code)`;
    if (source.sliceLevel === 'lsoa')
      return sql<string>`(SELECT max(l.to_code) FROM area_lookup l WHERE l.relation LIKE 'lsoa21_to_ward%' AND l.from_code = s.area_code)`;
    return null;
  }
  if (group === 'lsoa') {
    if (source.id === 'partner-police' || source.id === 'police-uk-street') return sql<string>`a.lsoa_code`;
    return source.sliceLevel === 'lsoa' ? sql<string>`s.area_code` : null;
  }
  if (group === 'point')
    return source.id === 'police-uk-street' ? sql<string>`a.longitude::text || ',' || a.latitude::text` : null;
  if (group === 'hour-weekday')
    return source.id === 'partner-police'
      ? sql<string>`a.weekday::text || ' ' || coalesce(a.hour::text, 'unknown')`
      : null;
  if (group === 'sanction')
    return source.id === 'partner-police' ? sql<string>`CASE WHEN a.sanction THEN 'sanction' ELSE 'other' END` : null;
  const partner = source.id === 'partner-police' ? PARTNER_GROUPS[group] : undefined;
  if (partner) return sql<string>`coalesce(${sql.ref(partner)}::text, 'unknown')`;
  const search = source.id === 'police-uk-stop-search' ? STOP_SEARCH_GROUPS[group] : undefined;
  if (search) return sql<string>`coalesce(nullif(${sql.ref(search)}::text, ''), 'not stated')`;
  return null;
}

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
  const { rows } = await sql<{ month: string; grp: string | null; n: number | string; extract: string | Date }>`
    SELECT to_char(s.month, 'YYYY-MM') AS month, ${key} AS grp, coalesce(${table.count}, 0)::int8 AS n, to_char(max(s.extract_date), 'YYYY-MM-DD') AS extract
    FROM count_slice s ${table.join}
    WHERE s.series LIKE ${source.series} AND s.month BETWEEN ${monthToDate(q.from)}::date AND ${monthToDate(q.to)}::date
      AND ${sliceVersion(q.asOf)} AND ${where} AND ${aggregateMonths(source, q.from, q.to)} AND ${table.extra} AND ${table.filter}
    GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({
    month: r.month,
    group: r.grp ?? 'unknown',
    count: Number(r.n),
    extractDate: isoDate(r.extract),
  }));
}

/** Months for which the source holds any current (or as-of) slice in the target area: zero counts are data only there. */
export async function coveredMonths(db: Kysely<DB>, q: Omit<CountQuery, 'groupBy'>): Promise<Set<Month>> {
  const source = SOURCE_INFO[q.spec.source];
  const where = areaCondition(source, q.target);
  if (!where) return new Set();
  // Partner conditions test the aggregate (alias a); coverage is about slices, so test the slice side only.
  // police.uk street slices cover a borough: a ward or LSOA is covered in the months it has records.
  // Partner coverage reads all records' counts per slice when they are filled (agg_partner_definition), else the record-level aggregate.
  const partnerRows = q.spec.coverageKey
    ? sql`agg_partner_definition a WHERE a.slice_id = s.id AND a.definition_key = ${q.spec.coverageKey} AND ${aggregateMonths(source, q.from, q.to)}`
    : sql`agg_partner_police_core a WHERE a.slice_id = s.id AND ${aggregateMonths(source, q.from, q.to)}`;
  const sliceWhere =
    source.id === 'partner-police' && q.target.type !== 'ward'
      ? sql<boolean>`EXISTS (SELECT 1 FROM ${partnerRows} AND ${where})`
      : source.id === 'police-uk-street' && (q.target.type === 'ward' || q.target.type === 'lsoa')
        ? sql<boolean>`EXISTS (SELECT 1 FROM agg_police_uk_street a WHERE a.slice_id = s.id AND ${where})`
        : where;
  const { rows } = await sql<{ month: string }>`
    SELECT DISTINCT to_char(s.month, 'YYYY-MM') AS month FROM count_slice s
    WHERE s.series LIKE ${source.series} AND s.month BETWEEN ${monthToDate(q.from)}::date AND ${monthToDate(q.to)}::date
      AND ${sliceVersion(q.asOf)} AND ${sliceWhere}`.execute(db);
  return new Set(rows.map((r) => r.month));
}

export function isoDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
