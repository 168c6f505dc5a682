import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { ReturnStatus } from '../../db/tables/performance.ts';
import { PerformanceError } from '../performanceError.ts';
import { canCheckReturn } from '../store/performancePolicy.ts';
import { actorOf } from './openQuarter.ts';
import { getReturn, isoDay } from './returnQueries.ts';

/* The partnership analyst's check of a submitted return, and the status move every transition shares. */

/** The partnership analyst accepts a submitted return: its values become the partnership's figures. */
export async function acceptReturn(db: Kysely<DB>, actor: Actor, returnId: number, at = new Date()): Promise<void> {
  await check(db, actor, returnId, 'accepted', '', at);
}

/** Sends a submitted return back to its agency with the reason, for correction. */
export async function sendBackReturn(
  db: Kysely<DB>,
  actor: Actor,
  returnId: number,
  reason: string,
  at = new Date(),
): Promise<void> {
  if (reason.trim() === '')
    throw new PerformanceError('VALIDATION', 'say why the return is sent back', [
      { field: 'reason', message: 'Enter why the return is sent back' },
    ]);
  await check(db, actor, returnId, 'sent_back', reason.trim(), at);
}

async function check(
  db: Kysely<DB>,
  actor: Actor,
  returnId: number,
  to: 'accepted' | 'sent_back',
  reason: string,
  at: Date,
) {
  const ret = await getReturn(db, returnId, isoDay(at));
  if (!canCheckReturn(actor, ret.submittedBy))
    throw new PerformanceError(
      'FORBIDDEN',
      ret.submittedBy === actor.id
        ? 'you submitted this return: another analyst must check it'
        : 'only the partnership analyst or manager checks returns',
    );
  if (ret.status !== 'submitted')
    throw new PerformanceError('CONFLICT', `the return is ${ret.status.replace('_', ' ')}, not waiting to be checked`);
  await db.transaction().execute(async (trx) => {
    await lockReturn(trx, returnId, 'submitted');
    await move(trx, actor, returnId, to, to === 'accepted' ? 'return.accept' : 'return.send-back', reason, at);
  });
}

/** Locks the return row and refuses if another request changed its status since it was read. */
export async function lockReturn(trx: Kysely<DB>, id: number, expected: ReturnStatus): Promise<void> {
  const row = await trx
    .selectFrom('performance_return')
    .select('status')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.status !== expected)
    throw new PerformanceError(
      'CONFLICT',
      `the return changed to ${row.status.replace('_', ' ')} meanwhile; reload it`,
    );
}

/** Moves the return to a new status with its event row and audit entry, in the caller's transaction. */
export async function move(
  trx: Kysely<DB>,
  actor: Actor,
  id: number,
  to: 'submitted' | 'accepted' | 'sent_back',
  action: 'return.submit' | 'return.accept' | 'return.send-back',
  reason: string,
  at: Date,
) {
  await trx.updateTable('performance_return').set({ status: to, updated_at: at }).where('id', '=', id).execute();
  await trx.insertInto('return_event').values({ return_id: id, action: to, reason, by_user: actor.id, at }).execute();
  await recordAudit(
    trx,
    { action, actor: actorOf(actor), subjectType: 'return', subjectId: id, details: reason === '' ? {} : { reason } },
    at,
  );
}
