import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { seal } from '../crypto/fieldCipher.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { CaseWorkError } from '../panel/panelErrors.ts';
import { auditCase, fieldError, openCaseChanger } from './caseChange.ts';

/*
 * Per-agency preparation: what each member agency holds on a case before a meeting, for the panel only. It may
 * hold special category information, so it is only ever stored sealed (context "case_preparation.content_enc").
 * One record per agency per meeting: a member of the agency recording it again replaces the text. Only current
 * members of the case's panel read it (not the referrer or allocated worker unless they are members).
 */

export const PREPARATION_CONTEXT = 'case_preparation.content_enc';

export const PreparationInput = z.object({
  meetingId: z.coerce.number({ message: 'choose the meeting' }).int().positive({ message: 'choose the meeting' }),
  content: z
    .string({ message: 'enter what your agency holds' })
    .trim()
    .min(1, { message: 'enter what your agency holds' })
    .max(10_000, { message: 'must be 10,000 characters or fewer' }),
});

export async function recordPreparation(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  caseId: number,
  input: unknown,
  now: Date,
): Promise<{ preparationId: number }> {
  const changer = await openCaseChanger(db, actor, caseId, now);
  const parsed = PreparationInput.safeParse(input);
  if (!parsed.success) throw fieldError(parsed.error.issues, 'content');
  const { meetingId, content } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const meeting = await trx
      .selectFrom('panel_meeting')
      .select('id')
      .where('id', '=', meetingId)
      .where('panel_id', '=', changer.panelId)
      .executeTakeFirst();
    if (!meeting) throw new CaseWorkError('meetingId', "choose one of the panel's meetings");
    const sealed = seal(ring, PREPARATION_CONTEXT, content);
    const existing = await trx
      .selectFrom('case_preparation')
      .select('id')
      .where('case_id', '=', caseId)
      .where('meeting_id', '=', meetingId)
      .where('agency', '=', changer.agency)
      .executeTakeFirst();
    let id: number;
    if (existing) {
      await trx
        .updateTable('case_preparation')
        .set({ content_enc: sealed, recorded_by: actor.id })
        .where('id', '=', existing.id)
        .execute();
      id = existing.id;
    } else {
      const row = await trx
        .insertInto('case_preparation')
        .values({
          case_id: caseId,
          meeting_id: meetingId,
          agency: changer.agency,
          content_enc: sealed,
          recorded_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    // The audit row says who recorded for which agency and meeting, never what.
    await auditCase(
      trx,
      actor,
      'case.preparation',
      caseId,
      { preparation: id, meeting: meetingId, agency: changer.agency, replaced: Boolean(existing) },
      now,
    );
    return { preparationId: id };
  });
}

export interface Preparation {
  id: number;
  agency: string;
  meetingId: number | null;
  meetsOn: string | null;
  content: string;
  recordedBy: string;
  recordedAt: Date;
}
