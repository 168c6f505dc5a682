import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { randomToken, sha256Hex } from './sessions.ts';
import type { AppUser } from './users.ts';

export type TokenScope = 'read' | 'write';

/** Tokens carry a recognisable prefix so that secret scanners can find one pasted somewhere it should not be. */
const PREFIX = 'safer_';

/** Creates a token and returns its plain value: shown once, never stored. */
export async function createApiToken(
  db: Kysely<DB>,
  input: { userId: number; name: string; scope: TokenScope },
): Promise<{ id: number; token: string }> {
  const token = `${PREFIX}${randomToken(32)}`;
  const row = await db
    .insertInto('api_token')
    .values({ user_id: input.userId, name: input.name, scope: input.scope, token_hash: sha256Hex(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export interface TokenHolder {
  tokenId: number;
  scope: TokenScope;
  user: AppUser;
}

/** The live token's holder; null for an unknown, revoked token or a disabled user. */
export async function findTokenHolder(db: Kysely<DB>, token: string, now: Date): Promise<TokenHolder | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .selectAll('u')
    .select(['t.id as token_id', 't.scope', 't.last_used_at'])
    .where('t.token_hash', '=', sha256Hex(token))
    .where('t.revoked_at', 'is', null)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const { token_id, scope, last_used_at: _used, ...user } = row;
  return { tokenId: token_id, scope, user };
}

export async function revokeApiToken(db: Kysely<DB>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listApiTokens(db: Kysely<DB>) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.name', 't.scope', 't.created_at', 't.last_used_at', 't.revoked_at', 'u.email', 'u.agency_code'])
    .orderBy('t.id', 'desc')
    .execute();
}

/** A read token may only read; a write token may also change things. */
export const scopeAllows = (granted: TokenScope, needed: TokenScope): boolean =>
  granted === 'write' || needed === 'read';
