import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/recordAudit.ts';
import { countUsers, insertUser } from './users.ts';

export const FIRST_ADMIN_EMAIL = 'admin@safer.local';

/**
 * On the very first start there is nobody to sign in as: create one
 * administrator with a random password and return it to be printed once.
 * Returns null on every later start.
 */
export async function ensureFirstAdministrator(db: Kysely<DB>): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = randomBytes(18).toString('base64url');
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email: FIRST_ADMIN_EMAIL,
      agency: 'local_authority',
      role: 'administrator',
      password,
      displayName: 'First administrator',
    });
    await recordAudit(trx, {
      action: 'user.create',
      actor: SYSTEM_ACTOR,
      subjectType: 'user',
      subjectId: user.id,
      details: { after: { email: user.email, agency: user.agency_code, role: user.role }, reason: 'first start' },
    });
    return { email: FIRST_ADMIN_EMAIL, password };
  });
}
