import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { RegisterRefusedError } from '../registerErrors.ts';

/** The register measure the partnership shows on the overview, if any. */
export interface OverviewChoice {
  registerId: string;
  measureId: string;
}

/** The partnership's choice (register_setting with show_on_overview), or null when none is chosen. */
export async function overviewChoice(db: Kysely<DB>, registers: RegisterSet): Promise<OverviewChoice | null> {
  const row = await db
    .selectFrom('register_setting')
    .select(['register_id', 'overview_measure'])
    .where('show_on_overview', '=', true)
    .orderBy('changed_at', 'desc')
    .executeTakeFirst();
  if (!row || row.overview_measure === null) return null;
  // A register or measure since removed from registers/ is no choice at all.
  const register = registers.get(row.register_id);
  if (!register?.measures.some((m) => m.id === row.overview_measure)) return null;
  return { registerId: row.register_id, measureId: row.overview_measure };
}

export const mayChooseOverview = (actor: Actor): boolean => actor.role === 'partnership_manager';

/**
 * Sets (or clears, with null) the register measure on the overview: partnership managers only, one at a time,
 * audited as 'register.setting' in the same transaction.
 */
export async function setOverviewChoice(
  db: Kysely<DB>,
  actor: Actor,
  registers: RegisterSet,
  choice: OverviewChoice | null,
  now: Date = new Date(),
): Promise<void> {
  if (!mayChooseOverview(actor))
    throw new RegisterRefusedError('Only a partnership manager chooses the register count on the overview');
  if (choice !== null) {
    const register = registers.get(choice.registerId);
    if (!register) throw new RangeError(`there is no register ${choice.registerId}`);
    if (!register.measures.some((m) => m.id === choice.measureId))
      throw new RangeError(`${register.name} has no measure "${choice.measureId}"`);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('register_setting')
      .set({ show_on_overview: false, overview_measure: null, changed_by: actor.email, changed_at: now })
      .where('show_on_overview', '=', true)
      .execute();
    if (choice !== null)
      await trx
        .insertInto('register_setting')
        .values({
          register_id: choice.registerId,
          show_on_overview: true,
          overview_measure: choice.measureId,
          changed_by: actor.email,
          changed_at: now,
        })
        .onConflict((oc) =>
          oc.column('register_id').doUpdateSet({
            show_on_overview: true,
            overview_measure: choice.measureId,
            changed_by: actor.email,
            changed_at: now,
          }),
        )
        .execute();
    await recordAudit(
      trx,
      {
        action: 'register.setting',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'register',
        subjectId: choice?.registerId ?? 'overview',
        details: { showOnOverview: choice },
      },
      now,
    );
  });
}
