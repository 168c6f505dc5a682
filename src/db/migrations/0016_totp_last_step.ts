import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * The last TOTP time step (Unix seconds / 30) accepted for a user, so that a code, or an earlier one still
 * inside the drift window, cannot be used again (RFC 6238 section 5.2; src/auth/totp.ts useTotpCode).
 * NULL until a code is first accepted. integer holds steps until the year 4010.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`ALTER TABLE app_user ADD COLUMN totp_last_step integer`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`ALTER TABLE app_user DROP COLUMN totp_last_step`]);
}
