import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { lastDayOf } from '../../domain/periods/month.ts';
import { DISCLOSURE_RULES, type DisclosureRule } from '../../domain/disclosure/disclosureRule.ts';
import { suppressTable } from '../../domain/disclosure/suppressTable.ts';
import { rightsFor } from '../readers.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import type { RegisterDefinition, RegisterMeasure } from '../registerSchema.ts';
import { periodOfMonth, periodsBetween, type TimeBreakdown } from './countPeriods.ts';
import { measureValueSql } from './measureSql.ts';

/*
 * A register measure counted over submitted entries by their date (occurred_on), in SQL, with the reader's rights
 * applied: readers of the register get exact counts; readers outside its readership of a register that releases
 * counts get them with small numbers suppressed (the 'case-derived' rule: 1–7 shown as *, with secondary
 * suppression so no hidden count can be worked out from the total); anyone else is refused. Pages, charts and
 * indicators all read this one result.
 */

export type CountBreakdown = 'none' | TimeBreakdown | 'ward' | 'lsoa';
export const COUNT_BREAKDOWNS = ['none', 'month', 'quarter', 'financial-year', 'ward', 'lsoa'] as const;

export interface CountQuery {
  /** First and last day counted (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  by: CountBreakdown;
}

/** One row: a period or area and its count, or the symbol when the count is withheld. */
export interface RegisterCountRow {
  /** Period id ('2025/26 Q4'), area code, 'none' for an area not known, or 'total' for by 'none'. */
  key: string;
  label: string;
  /** null when suppressed. */
  value: number | null;
  /** As shown: the number, or the rule's symbol. */
  shown: string;
  suppressed: boolean;
}

export interface RegisterCounts {
  registerId: string;
  registerName: string;
  measure: RegisterMeasure;
  /** What was counted: as asked, or widened to whole months for a counts-only reader. */
  query: CountQuery;
  /** exact for readers of the register; suppressed for counts-only readers. */
  access: 'exact' | 'suppressed';
  /** The disclosure rule applied (null for exact counts). */
  rule: DisclosureRule | null;
  rows: RegisterCountRow[];
  total: RegisterCountRow;
}

/** The disclosure rule for a register's counts outside its readership (case-derived records). */
export const REGISTER_COUNT_RULE: DisclosureRule = DISCLOSURE_RULES.caseDerived;

export function measureOf(register: RegisterDefinition, measureId: string): RegisterMeasure {
  const measure = register.measures.find((m) => m.id === measureId);
  if (measure === undefined) throw new RangeError(`${register.name} has no measure "${measureId}"`);
  return measure;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function registerCounts(
  db: Kysely<DB>,
  actor: Actor,
  register: RegisterDefinition,
  measureId: string,
  query: CountQuery,
): Promise<RegisterCounts> {
  const measure = measureOf(register, measureId);
  if (!DATE.test(query.from) || !DATE.test(query.to)) throw new RangeError('from and to are dates, YYYY-MM-DD');
  const rights = await rightsFor(db, actor, register);
  if (!rights.read && !rights.countsOnly) throw new RegisterRefusedError(`You may not see counts of ${register.name}`);
  // Outside the readership, counts are of whole months: totals over ranges a day apart would give away a day's
  // small count by subtraction. (Tables of months, quarters and years are each suppressed on their own, as the
  // figure engine's are; see the report for what that leaves.)
  if (!rights.read) query = { ...query, from: `${query.from.slice(0, 7)}-01`, to: lastDayOf(query.to.slice(0, 7)) };
  const raw = await countRows(db, register, measure, query);
  const total = raw.reduce((s, r) => s + r.value, 0);
  const exact = rights.read;
  const base = { registerId: register.id, registerName: register.name, measure, query };
  const cell = (key: string, label: string, value: number | string): RegisterCountRow =>
    typeof value === 'number'
      ? { key, label, value, shown: value.toLocaleString('en-GB'), suppressed: false }
      : { key, label, value: null, shown: value, suppressed: true };
  if (exact)
    return {
      ...base,
      access: 'exact',
      rule: null,
      rows: raw.map((r) => cell(r.key, r.label, r.value)),
      total: cell('total', 'Total', total),
    };
  const rule = REGISTER_COUNT_RULE;
  if (raw.length === 0) return { ...base, access: 'suppressed', rule, rows: [], total: cell('total', 'Total', 0) };
  const table = suppressTable(
    raw.map((r) => r.key),
    [measure.label],
    raw.map((r) => [r.value]),
    rule,
  );
  return {
    ...base,
    access: 'suppressed',
    rule,
    rows: raw.map((r, i) => cell(r.key, r.label, table.cells[i]?.[0] ?? rule.symbol)),
    total: cell('total', 'Total', table.grandTotal),
  };
}

interface RawRow {
  key: string;
  label: string;
  value: number;
}

/** The measure per period or area, in SQL; time breakdowns list every period from–to, zeros included. */
async function countRows(
  db: Kysely<DB>,
  register: RegisterDefinition,
  measure: RegisterMeasure,
  query: CountQuery,
): Promise<RawRow[]> {
  const value = measureValueSql(register, measure);
  const entries = db
    .selectFrom('register_entry')
    .where('register_id', '=', register.id)
    .where('status', '=', 'submitted')
    .where('occurred_on', '>=', query.from)
    .where('occurred_on', '<=', query.to);
  const sum = sql<string>`coalesce(sum(${value}), 0)`.as('n');
  if (query.by === 'none') {
    const row = await entries.select(sum).executeTakeFirstOrThrow();
    return [{ key: 'total', label: 'Total', value: Number(row.n) }];
  }
  if (query.by === 'ward' || query.by === 'lsoa') {
    const column = query.by === 'ward' ? 'ward_code' : 'lsoa_code';
    const rows = await entries
      .select([sql<string | null>`${sql.ref(column)}`.as('code'), sum])
      .groupBy(column)
      .execute();
    const names = await areaNames(
      db,
      rows.map((r) => r.code).filter((c): c is string => c !== null),
    );
    return rows
      .map((r) => ({
        key: r.code ?? 'none',
        label: r.code === null ? 'Place not known' : (names.get(r.code) ?? r.code),
        value: Number(r.n),
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
  // Months in SQL; quarters and financial years are whole months, so they are sums of these.
  const rows = await entries
    // Year and month as numbers: grouping on them is cheaper than on to_char text.
    .select([
      sql<number>`extract(year from occurred_on)::int`.as('y'),
      sql<number>`extract(month from occurred_on)::int`.as('m'),
      sum,
    ])
    .groupBy([sql`extract(year from occurred_on)::int`, sql`extract(month from occurred_on)::int`])
    .execute();
  const byPeriod = new Map<string, number>();
  for (const r of rows) {
    const id = periodOfMonth(query.by, `${r.y}-${String(r.m).padStart(2, '0')}`).id;
    byPeriod.set(id, (byPeriod.get(id) ?? 0) + Number(r.n));
  }
  return periodsBetween(query.by, query.from, query.to).map((p) => ({
    key: p.id,
    label: p.label,
    value: byPeriod.get(p.id) ?? 0,
  }));
}

async function areaNames(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('area').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
