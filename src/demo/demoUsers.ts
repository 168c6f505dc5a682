import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../audit/recordAudit.ts';
import type { Role } from '../auth/policy.ts';
import { findUserByEmail, insertUser } from '../auth/users.ts';
import type { DB } from '../db/schema.ts';

/** The demo's people: one per duty holder, so agency-scoped access can be seen at work. */
export const DEMO_USERS: readonly { email: string; agency: string; role: Role; displayName: string }[] = [
  {
    email: 'analyst@council.demo',
    agency: 'local_authority',
    role: 'analyst',
    displayName: 'Community safety analyst (council)',
  },
  {
    email: 'manager@council.demo',
    agency: 'local_authority',
    role: 'partnership_manager',
    displayName: 'Partnership manager (council)',
  },
  { email: 'owner@police.demo', agency: 'police', role: 'data_owner', displayName: 'Data owner (police)' },
  { email: 'analyst@health.demo', agency: 'health', role: 'analyst', displayName: 'Analyst (health)' },
  { email: 'viewer@probation.demo', agency: 'probation', role: 'viewer', displayName: 'Board member (probation)' },
];

/**
 * Creates the demo users that do not exist yet, each with a random password
 * returned once to be printed (never a password written in the repository).
 */
export async function ensureDemoUsers(
  db: Kysely<DB>,
): Promise<{ email: string; role: Role; agency: string; password: string }[]> {
  const created: { email: string; role: Role; agency: string; password: string }[] = [];
  for (const demo of DEMO_USERS) {
    if (await findUserByEmail(db, demo.email)) continue;
    const password = randomBytes(12).toString('base64url');
    await db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, { ...demo, password });
      await recordAudit(trx, {
        action: 'user.create',
        actor: SYSTEM_ACTOR,
        subjectType: 'user',
        subjectId: user.id,
        details: { after: { email: user.email, agency: user.agency_code, role: user.role }, reason: 'demo seed' },
      });
    });
    created.push({ email: demo.email, role: demo.role, agency: demo.agency, password });
  }
  return created;
}
