import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * The latest audit entry of an action, by id (issue 19): delivery pages are cached until a change to plans,
 * meetings or lineage, and every such change is audited in its own transaction, so "the highest audit id of
 * those actions" is their version. 0006's (action, at) index cannot answer max(id) per action, and `at` can
 * repeat (a frozen clock in tests, two changes in one microsecond); this index answers it by a backward scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['CREATE INDEX audit_log_action_id ON audit_log (action, id)']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP INDEX audit_log_action_id']);
}
