import type { ColumnType, Generated } from 'kysely';

/* The performance framework's tables (migration 0019). Dates are 'YYYY-MM-DD' strings on both engines. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: written as JSON text, read back parsed and checked with zod before use. */
type Json = ColumnType<unknown, string, never>;

export type ReturnStatus = 'open' | 'submitted' | 'accepted' | 'sent_back';
export type ReturnAction = 'opened' | 'submitted' | 'accepted' | 'sent_back';

/** One version of one indicator (append-only). */
export interface IndicatorVersionTable {
  indicator_id: SetOnce<string>;
  version: SetOnce<number>;
  body: Json;
  origin: SetOnce<'file' | 'service'>;
  changed_by: SetOnce<number | null>;
  changed_at: WrittenAt;
  reason: SetOnce<string>;
}

/** A lead agency's return for one quarter. */
export interface PerformanceReturnTable {
  id: Generated<number>;
  agency_code: string;
  quarter: string;
  period_start: string;
  period_end: string;
  due_on: string;
  status: ColumnType<ReturnStatus, ReturnStatus | undefined, ReturnStatus>;
  opened_by: number | null;
  opened_at: WrittenAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Which indicator versions a return asks for (append-only). */
export interface ReturnIndicatorTable {
  return_id: SetOnce<number>;
  indicator_id: SetOnce<string>;
  indicator_version: SetOnce<number>;
}

/** Every value ever entered in a return (append-only; a correction is a new row that `replaces` the old). */
export interface ReturnValueTable {
  id: Generated<number>;
  return_id: SetOnce<number>;
  indicator_id: SetOnce<string>;
  indicator_version: SetOnce<number>;
  period_start: SetOnce<string>;
  period_end: SetOnce<string>;
  value: SetOnce<number>;
  numerator: SetOnce<number | null>;
  denominator: SetOnce<number | null>;
  commentary: SetOnce<string>;
  outlier_note: SetOnce<string>;
  replaces: SetOnce<number | null>;
  reason: SetOnce<string>;
  entered_by: SetOnce<number>;
  entered_at: WrittenAt;
  synthetic: SetOnce<boolean>;
}

/** A return's status changes, with the reason for a return sent back (append-only). */
export interface ReturnEventTable {
  id: Generated<number>;
  return_id: SetOnce<number>;
  action: SetOnce<ReturnAction>;
  reason: SetOnce<string>;
  by_user: SetOnce<number | null>;
  at: WrittenAt;
}

export interface PerformanceTables {
  indicator_version: IndicatorVersionTable;
  performance_return: PerformanceReturnTable;
  return_indicator: ReturnIndicatorTable;
  return_value: ReturnValueTable;
  return_event: ReturnEventTable;
}
