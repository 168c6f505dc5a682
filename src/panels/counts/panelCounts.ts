import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DisclosureRule } from '../../domain/disclosure/disclosureRule.ts';
import { REGISTER_COUNT_RULE } from '../../registers/counts/registerCounts.ts';
import { periodOfMonth, periodsBetween, type TimeBreakdown } from '../../registers/counts/countPeriods.ts';
import { PANEL_MEASURES, type PanelMeasure } from './panelMeasures.ts';
import { type GroupedFact, type MeasureCell, measureTable } from './panelTables.ts';

/*
 * The panels' anonymous counts (issue 21), from `panel_fact` only: never from the case tables, so they are the
 * same before and after retention. Measures: screenings, referrals, repeat referral rate (repeats ÷ referrals,
 * with a Wilson interval), median days to panel (from referral to first hearing), outcomes; per month, quarter or
 * financial year (or the whole range) and by agency, panel, route, outcome, age band, sex or ethnic group. The
 * facts are anonymous, so every partnership reader and API token may have them, released with the registers'
 * case-derived disclosure rule (counts 1–7 shown as *, secondary suppression); exact counts are for the
 * partnership's own checks (retention, tests).
 */

export { PANEL_MEASURE_IDS, PANEL_MEASURES, type PanelMeasure } from './panelMeasures.ts';

const DIMENSION_COLUMNS = {
  none: null,
  agency: 'agency',
  panel: 'panel_id',
  route: 'route',
  outcome: 'outcome',
  'age-band': 'age_band',
  sex: 'sex',
  'ethnic-group': 'ethnicity_group',
} as const;
export type PanelDimension = keyof typeof DIMENSION_COLUMNS;
export const PANEL_DIMENSIONS = Object.keys(DIMENSION_COLUMNS) as PanelDimension[];
export type PanelPeriod = 'none' | TimeBreakdown;
export const PANEL_PERIODS = ['none', 'month', 'quarter', 'financial-year'] as const;

/** The rule released panel counts are suppressed with: the registers' (case-derived records). */
export const PANEL_COUNT_RULE: DisclosureRule = REGISTER_COUNT_RULE;

export interface PanelCountQuery {
  measure: PanelMeasure;
  /** First and last day counted (YYYY-MM-DD, inclusive); released counts are widened to whole months. */
  from: string;
  to: string;
  period: PanelPeriod;
  by: PanelDimension;
  /** Only this panel's facts (e.g. 'marac' for the repeat MARAC rate). */
  panel?: string;
  /** true for release (pages, API, indicators); false gives exact counts. */
  suppress: boolean;
}

export interface PanelCounts {
  measure: PanelMeasure;
  label: string;
  query: PanelCountQuery;
  access: 'exact' | 'suppressed';
  rule: DisclosureRule | null;
  periods: { id: string; label: string }[];
  categories: string[];
  cells: MeasureCell[];
  /** Counts only: each period's total and the grand total, as released. */
  periodTotals: Record<string, string>;
  total: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export async function panelCounts(db: Kysely<DB>, q: PanelCountQuery): Promise<PanelCounts> {
  if (!DATE.test(q.from) || !DATE.test(q.to)) throw new RangeError('from and to are dates, YYYY-MM-DD');
  const spec = PANEL_MEASURES[q.measure];
  // Released counts are of whole months: ranges a day apart would give a day's small count away by subtraction.
  const query = q.suppress ? { ...q, from: `${q.from.slice(0, 7)}-01`, to: lastDay(q.to.slice(0, 7)) } : q;
  const column = DIMENSION_COLUMNS[q.by];
  const category = column === null ? sql<string>`'total'` : sql<string>`coalesce(${sql.ref(column)}, 'not known')`;
  const y = sql<number>`extract(year from occurred_on)::int`;
  const m = sql<number>`extract(month from occurred_on)::int`;
  const rows = await db
    .selectFrom('panel_fact')
    .select([y.as('y'), m.as('m'), category.as('category'), 'repeat', 'days_to_panel', sql<string>`count(*)`.as('n')])
    .where('kind', '=', spec.fact)
    .where('occurred_on', '>=', query.from)
    .where('occurred_on', '<=', query.to)
    .$if(q.panel !== undefined, (b) => b.where('panel_id', '=', q.panel as string))
    .groupBy(column === null ? [y, m, 'repeat', 'days_to_panel'] : [y, m, sql.ref(column), 'repeat', 'days_to_panel'])
    .execute();
  const periodOf = (month: string) =>
    q.period === 'none' ? { id: 'total', label: `${query.from} to ${query.to}` } : periodOfMonth(q.period, month);
  const periods =
    q.period === 'none' ? [periodOf(query.from.slice(0, 7))] : periodsBetween(q.period, query.from, query.to);
  const facts: GroupedFact[] = rows.map((r) => ({
    period: periodOf(`${r.y}-${String(r.m).padStart(2, '0')}`).id,
    category: r.category,
    repeat: r.repeat,
    daysToPanel: r.days_to_panel,
    n: Number(r.n),
  }));
  const categories = [...new Set(facts.map((f) => f.category))].sort();
  if (column === null && categories.length === 0) categories.push('total');
  const rule = q.suppress ? PANEL_COUNT_RULE : null;
  const table = measureTable(
    spec.kind,
    periods.map((p) => p.id),
    categories,
    facts,
    rule,
  );
  return {
    measure: q.measure,
    label: spec.label,
    query,
    access: q.suppress ? 'suppressed' : 'exact',
    rule,
    periods: periods.map((p) => ({ id: p.id, label: p.label })),
    categories,
    ...table,
  };
}
