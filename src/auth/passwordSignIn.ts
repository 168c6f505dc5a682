import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { verifyAgainstDummy, verifyPassword } from './passwordHash.ts';
import { findUserByEmail, type AppUser } from './users.ts';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export type PasswordCheck =
  | { ok: true; user: AppUser }
  | { ok: false; reason: 'unknown' | 'wrong-password' | 'locked' | 'disabled' };

/**
 * One way of proving who you are. An OpenID Connect provider would be a
 * sibling of this function: it resolves a user through `user_identity`
 * (issuer + subject) instead of a password, then hands over to the same
 * `startSignedInSession`, so sessions, lock-out of disabled users and audit
 * stay in one place.
 */
export async function checkPassword(
  db: Kysely<DB>,
  input: { email: string; password: string; ip: string; now: Date; lockout: LockoutPolicy },
): Promise<PasswordCheck> {
  const user = await findUserByEmail(db, input.email);
  const failAudit = (reason: string, u?: AppUser) => ({
    action: 'sign-in' as const,
    outcome: 'failure' as const,
    actor: { userId: u?.id ?? null, email: input.email.slice(0, 200), agency: u?.agency_code ?? '' },
    subjectType: 'user',
    subjectId: u?.id ?? '',
    ip: input.ip,
    details: { method: 'password', reason },
  });
  if (!user?.password_hash) {
    await verifyAgainstDummy(input.password);
    await db.transaction().execute((trx) => recordAudit(trx, failAudit('unknown account'), input.now));
    return { ok: false, reason: 'unknown' };
  }
  if (user.disabled) {
    await db.transaction().execute((trx) => recordAudit(trx, failAudit('account disabled', user), input.now));
    return { ok: false, reason: 'disabled' };
  }
  if (user.locked_until && new Date(user.locked_until).getTime() > input.now.getTime()) {
    await db.transaction().execute((trx) => recordAudit(trx, failAudit('account locked', user), input.now));
    return { ok: false, reason: 'locked' };
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_sign_ins + 1;
    const locks = failures >= input.lockout.maxFailures;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          failed_sign_ins: locks ? 0 : failures,
          locked_until: locks ? new Date(input.now.getTime() + input.lockout.lockMinutes * 60_000) : user.locked_until,
        })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(trx, failAudit('wrong password', user), input.now);
      if (locks) {
        await recordAudit(
          trx,
          {
            action: 'account.locked',
            actor: { userId: user.id, email: user.email, agency: user.agency_code },
            subjectType: 'user',
            subjectId: user.id,
            ip: input.ip,
            details: { failures, minutes: input.lockout.lockMinutes },
          },
          input.now,
        );
      }
    });
    return { ok: false, reason: locks ? 'locked' : 'wrong-password' };
  }
  return { ok: true, user };
}
