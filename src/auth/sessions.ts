import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AppUser } from './users.ts';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

/** A session as a request sees it, joined to its user. */
export interface ActiveSession {
  idHash: string;
  csrfToken: string;
  secondFactorPending: boolean;
  user: AppUser;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Starts a session and returns the cookie value; only its hash is stored, so a database leak is not a session leak. */
export async function createSession(
  db: Kysely<DB>,
  input: {
    userId: number;
    secondFactorPending: boolean;
    ip: string;
    userAgent: string;
    now: Date;
    limits: SessionLimits;
  },
): Promise<{ cookieValue: string; csrfToken: string }> {
  const cookieValue = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('user_session')
    .values({
      id_hash: sha256Hex(cookieValue),
      user_id: input.userId,
      csrf_token: csrfToken,
      second_factor_pending: input.secondFactorPending,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: new Date(input.now.getTime() + input.limits.absoluteHours * 3_600_000),
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 300),
    })
    .execute();
  return { cookieValue, csrfToken };
}

export type SessionLookup =
  | { status: 'active'; session: ActiveSession }
  | { status: 'expired'; userId: number; email: string; agency: string }
  | { status: 'none' };

/**
 * Finds the session for a cookie value. Idle and absolute limits are both
 * enforced here; an expired session is deleted so it can never come back.
 */
export async function findSession(
  db: Kysely<DB>,
  cookieValue: string,
  now: Date,
  limits: SessionLimits,
): Promise<SessionLookup> {
  const idHash = sha256Hex(cookieValue);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.csrf_token', 's.second_factor_pending', 's.last_seen_at', 's.expires_at'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return { status: 'none' };
  const idleDeadline = new Date(row.last_seen_at).getTime() + limits.idleMinutes * 60_000;
  if (now.getTime() >= new Date(row.expires_at).getTime() || now.getTime() >= idleDeadline || row.disabled) {
    await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
    return { status: 'expired', userId: row.id, email: row.email, agency: row.agency_code };
  }
  // Touch at most once a minute: an idle timeout needs no finer grain, and it spares a write per request.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  const { csrf_token, second_factor_pending, last_seen_at: _seen, expires_at: _expires, ...user } = row;
  return {
    status: 'active',
    session: { idHash, csrfToken: csrf_token, secondFactorPending: second_factor_pending, user },
  };
}

export async function completeSecondFactor(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.updateTable('user_session').set({ second_factor_pending: false }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
}

/** Signs a person out everywhere: after a role change, a lock or a password reset. */
export async function deleteUserSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}
