import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Indexes "my cases" reads a page from (src/panels/cases/standingCases.ts, issue 21's bench): a panel's open cases
 * in review order (never heard first, then by id) so a page stops after its rows and the count is index-only; the
 * cases allocated to a person in the same order; the case opened from a referral; a person's open actions by due
 * date. Each replaces a shorter index on the same leading columns, or is new (panel_case_by_referral).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX panel_case_by_panel',
    'CREATE INDEX panel_case_by_panel ON panel_case (panel_id, status, review_on NULLS FIRST, id)',
    'DROP INDEX panel_case_by_allocated',
    `CREATE INDEX panel_case_by_allocated ON panel_case (allocated_to, status, review_on NULLS FIRST, id)
       WHERE allocated_to IS NOT NULL`,
    'CREATE INDEX panel_case_by_referral ON panel_case (referral_id)',
    'DROP INDEX case_action_by_owner',
    'CREATE INDEX case_action_by_owner ON case_action (owner_id, status, due_on, id)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX case_action_by_owner',
    'CREATE INDEX case_action_by_owner ON case_action (owner_id, status)',
    'DROP INDEX panel_case_by_referral',
    'DROP INDEX panel_case_by_allocated',
    'CREATE INDEX panel_case_by_allocated ON panel_case (allocated_to) WHERE allocated_to IS NOT NULL',
    'DROP INDEX panel_case_by_panel',
    'CREATE INDEX panel_case_by_panel ON panel_case (panel_id, status, review_on)',
  ]);
}
