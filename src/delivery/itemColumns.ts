import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';

/*
 * An item's current state, as correlated subqueries on a query over `plan_item as i`: its latest wording, its
 * latest status and the date of its latest update. Wording, statuses and updates are append-only histories
 * (migration 0021), so "current" is always "the latest row"; every list of items reads them this one way.
 */

type OverItems = ExpressionBuilder<DB & { i: DB['plan_item'] }, 'i'>;

export const currentWording = (eb: OverItems) =>
  eb
    .selectFrom('plan_item_wording as w')
    .select('w.wording')
    .whereRef('w.item_id', '=', 'i.id')
    .orderBy('w.version', 'desc')
    .limit(1);

export const currentStatus = (eb: OverItems) =>
  eb
    .selectFrom('plan_item_status as s')
    .select('s.status')
    .whereRef('s.item_id', '=', 'i.id')
    .orderBy('s.id', 'desc')
    .limit(1);

export const lastUpdateOn = (eb: OverItems) =>
  eb
    .selectFrom('plan_item_update as u')
    .select((u) => u.fn.max('u.on_date').as('d'))
    .whereRef('u.item_id', '=', 'i.id');

export const latestUpdateText = (eb: OverItems) =>
  eb
    .selectFrom('plan_item_update as u')
    .select('u.body')
    .whereRef('u.item_id', '=', 'i.id')
    .orderBy('u.id', 'desc')
    .limit(1);
