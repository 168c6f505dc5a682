import { type Kysely, sql } from 'kysely';
import type { AuditAction } from '../audit/recordAudit.ts';
import type { DB } from '../db/schema.ts';

/** Every change to plans, meetings and lineage: each is audited in its own transaction under one of these. */
const DELIVERY_ACTIONS = [
  'plan.import',
  'plan.import.review',
  'plan.item.status',
  'plan.item.update',
  'plan.item.assign',
  'board.create',
  'board.update',
  'board.member.add',
  'board.member.leave',
  'meeting.create',
  'meeting.reschedule',
  'meeting.agenda.build',
  'meeting.attendance',
  'meeting.minutes',
  'decision.record',
  'meeting.action.add',
  'meeting.action.status',
  'lineage.link.add',
  'lineage.link.remove',
  'user.create',
  'user.update',
] as const satisfies readonly AuditAction[];

/** The newest audit id among the kinds of change, from the row's columns named `${prefix}<i>` (0 when none). */
export const newestOf = (row: Record<string, unknown>, prefix: string, n: number): string =>
  String(
    Math.max(
      0,
      ...Array.from({ length: n }, (_, i) => row[`${prefix}${i}`]).map((v) =>
        v === null || v === undefined ? 0 : Number(v),
      ),
    ),
  );

/**
 * deliveryVersion's columns, for a query that asks several versions at once (personalPageKey): one scalar
 * subquery per kind of change, named `${prefix}<i>`; read them back with readDeliveryVersion.
 */
export const deliveryVersionColumns = (prefix = 'a') =>
  DELIVERY_ACTIONS.map((action, i) =>
    sql<number | null>`(SELECT max(id) FROM audit_log WHERE action = ${action})`.as(`${prefix}${i}`),
  );
export const readDeliveryVersion = (row: Record<string, unknown>, prefix = 'a'): string =>
  newestOf(row, prefix, DELIVERY_ACTIONS.length);

/**
 * A short string that changes whenever anything a delivery page shows changes: the highest audit id among those
 * kinds of change (one backward index scan each on migration 0025's (action, id) index). User changes count too:
 * pages name owners and members. Cache keys carry it beside the data and performance versions.
 */
export async function deliveryVersion(db: Kysely<DB>): Promise<string> {
  const row = await db.selectNoFrom(deliveryVersionColumns()).executeTakeFirstOrThrow();
  // Audit ids only grow, so the newest of these changes says whether any happened since.
  return readDeliveryVersion(row);
}
