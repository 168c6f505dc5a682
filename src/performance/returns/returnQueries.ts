import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReturnAction, ReturnStatus } from '../../db/tables/performance.ts';
import { Indicator } from '../indicatorSchema.ts';
import { PerformanceError } from '../performanceError.ts';

/* Reads of partner returns: the list with late flags, one return in full, and accepted values for the figures. */

export interface ReturnSummary {
  id: number;
  agency: string;
  agencyName: string;
  quarter: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: ReturnStatus;
  /** Not yet submitted (open or sent back) after its due date. */
  late: boolean;
  indicators: number;
  entered: number;
}

export interface StoredValue {
  id: number;
  returnId: number;
  indicatorId: string;
  indicatorVersion: number;
  periodStart: string;
  periodEnd: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  commentary: string;
  outlierNote: string;
  replaces: number | null;
  reason: string;
  enteredBy: number;
  enteredByEmail: string;
  enteredAt: Date;
  synthetic: boolean;
}

export interface ReturnEvent {
  action: ReturnAction;
  reason: string;
  by: string | null;
  at: Date;
}

export interface ReturnDetail extends ReturnSummary {
  /** The indicator versions the return asks for, in id order. */
  asks: Indicator[];
  /** The current value of each indicator (its latest row), by indicator id. */
  current: Map<string, StoredValue>;
  /** Every value ever entered, oldest first: corrections keep what they replaced. */
  history: StoredValue[];
  events: ReturnEvent[];
  /** Who submitted it last (four-eyes rule), or null. */
  submittedBy: number | null;
}

const isLate = (status: ReturnStatus, dueOn: string, today: string) =>
  (status === 'open' || status === 'sent_back') && today > dueOn;

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function listReturns(
  db: Kysely<DB>,
  filter: { quarter?: string; agencies?: readonly string[] } = {},
  today = isoDay(new Date()),
): Promise<ReturnSummary[]> {
  if (filter.agencies !== undefined && filter.agencies.length === 0) return [];
  let q = db
    .selectFrom('performance_return as r')
    .innerJoin('agency as a', 'a.code', 'r.agency_code')
    .select((eb) => [
      'r.id',
      'r.agency_code',
      'a.name',
      'r.quarter',
      'r.period_start',
      'r.period_end',
      'r.due_on',
      'r.status',
      eb
        .selectFrom('return_indicator as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.return_id', '=', 'r.id')
        .as('indicators'),
      eb
        .selectFrom('return_value as v')
        .select((e) => e.fn.count<number>('v.indicator_id').distinct().as('n'))
        .whereRef('v.return_id', '=', 'r.id')
        .as('entered'),
    ])
    .orderBy('r.period_start', 'desc')
    .orderBy('a.name');
  if (filter.quarter !== undefined) q = q.where('r.quarter', '=', filter.quarter);
  if (filter.agencies !== undefined) q = q.where('r.agency_code', 'in', filter.agencies);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    agency: r.agency_code,
    agencyName: r.name,
    quarter: r.quarter,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    status: r.status,
    late: isLate(r.status, r.due_on, today),
    indicators: Number(r.indicators ?? 0),
    entered: Number(r.entered ?? 0),
  }));
}

function valueQuery(db: Kysely<DB>) {
  return db
    .selectFrom('return_value as v')
    .innerJoin('app_user as u', 'u.id', 'v.entered_by')
    .selectAll('v')
    .select('u.email');
}

type ValueRow = Awaited<ReturnType<ReturnType<typeof valueQuery>['execute']>>[number];
const toValue = (r: ValueRow): StoredValue => ({
  id: r.id,
  returnId: r.return_id,
  indicatorId: r.indicator_id,
  indicatorVersion: r.indicator_version,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  commentary: r.commentary,
  outlierNote: r.outlier_note,
  replaces: r.replaces,
  reason: r.reason,
  enteredBy: r.entered_by,
  enteredByEmail: r.email,
  enteredAt: r.entered_at,
  synthetic: r.synthetic,
});

export async function getReturn(db: Kysely<DB>, id: number, today = isoDay(new Date())): Promise<ReturnDetail> {
  const summary = (await listReturns(db, {}, today)).find((r) => r.id === id);
  if (summary === undefined) throw new PerformanceError('NOT_FOUND', `no return ${id}`);
  const asks = await db
    .selectFrom('return_indicator as ri')
    .innerJoin('indicator_version as v', (j) =>
      j.onRef('v.indicator_id', '=', 'ri.indicator_id').onRef('v.version', '=', 'ri.indicator_version'),
    )
    .select('v.body')
    .where('ri.return_id', '=', id)
    .orderBy('ri.indicator_id')
    .execute();
  const history = (await valueQuery(db).where('v.return_id', '=', id).orderBy('v.id').execute()).map(toValue);
  const current = new Map<string, StoredValue>();
  for (const v of history) current.set(v.indicatorId, v);
  const events = await db
    .selectFrom('return_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.by_user')
    .select(['e.action', 'e.reason', 'e.at', 'e.by_user', 'u.email'])
    .where('e.return_id', '=', id)
    .orderBy('e.id')
    .execute();
  const lastSubmit = events.filter((e) => e.action === 'submitted').at(-1);
  return {
    ...summary,
    asks: asks.map((a) => Indicator.parse(a.body)),
    current,
    history,
    events: events.map((e) => ({ action: e.action, reason: e.reason, by: e.email, at: e.at })),
    submittedBy: lastSubmit?.by_user ?? null,
  };
}

/**
 * The current value of each indicator in every accepted return, oldest period first: the values the
 * scorecard, indicator pages, API and pack show. Values awaiting a check are not figures yet.
 */
export async function acceptedValues(db: Kysely<DB>, indicatorIds?: readonly string[]): Promise<StoredValue[]> {
  if (indicatorIds !== undefined && indicatorIds.length === 0) return [];
  let q = valueQuery(db)
    .innerJoin('performance_return as r', 'r.id', 'v.return_id')
    .where('r.status', '=', 'accepted')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('return_value as later').select('later.id').whereRef('later.replaces', '=', 'v.id'))),
    );
  if (indicatorIds !== undefined) q = q.where('v.indicator_id', 'in', indicatorIds);
  return (await q.orderBy('v.period_end').orderBy('v.id').execute()).map(toValue);
}

/** Every value of one indicator, in any return and state, newest first: the indicator page's history. */
export async function valueHistory(
  db: Kysely<DB>,
  indicatorId: string,
): Promise<(StoredValue & { quarter: string; status: ReturnStatus })[]> {
  const rows = await valueQuery(db)
    .innerJoin('performance_return as r', 'r.id', 'v.return_id')
    .select(['r.quarter', 'r.status as return_status'])
    .where('v.indicator_id', '=', indicatorId)
    .orderBy('v.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...toValue(r), quarter: r.quarter, status: r.return_status }));
}
