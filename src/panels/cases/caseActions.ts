import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { CaseRefusedError, CaseWorkError } from '../panel/panelErrors.ts';
import { auditCase, fieldError, openCaseChanger } from './caseChange.ts';

/*
 * The actions a panel agrees on a case: what, who owns it (a person and the agency they act for), by when. Status
 * moves between open, done and dropped; done and dropped stamp when. Members of the panel record and update them.
 */

const Day = /^\d{4}-\d{2}-\d{2}$/;

export const ActionInput = z.object({
  text: z
    .string({ message: 'enter the action' })
    .trim()
    .min(1, { message: 'enter the action' })
    .max(1000, { message: 'must be 1,000 characters or fewer' }),
  ownerId: z.coerce.number({ message: 'choose who owns it' }).int().positive({ message: 'choose who owns it' }),
  dueOn: z
    .string({ message: 'enter the date it is due' })
    .regex(Day, { message: 'enter the date it is due' })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'enter a real date' }),
  meetingId: z.coerce.number().int().positive().optional(),
});

export async function addAction(db: Kysely<DB>, actor: Actor, caseId: number, input: unknown, now: Date) {
  const changer = await openCaseChanger(db, actor, caseId, now);
  const parsed = ActionInput.safeParse(input);
  if (!parsed.success) throw fieldError(parsed.error.issues, 'text');
  const a = parsed.data;
  return db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom('app_user')
      .select(['id', 'agency_code', 'email'])
      .where('id', '=', a.ownerId)
      .executeTakeFirst();
    if (!owner) throw new CaseWorkError('ownerId', 'no such person');
    if (a.meetingId !== undefined) {
      const meeting = await trx
        .selectFrom('panel_meeting')
        .select('id')
        .where('id', '=', a.meetingId)
        .where('panel_id', '=', changer.panelId)
        .executeTakeFirst();
      if (!meeting) throw new CaseWorkError('meetingId', "choose one of the panel's meetings");
    }
    const row = await trx
      .insertInto('case_action')
      .values({
        case_id: caseId,
        meeting_id: a.meetingId ?? null,
        text: a.text,
        owner_id: owner.id,
        owner_agency: owner.agency_code,
        due_on: a.dueOn,
        status: 'open',
        created_by: actor.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditCase(
      trx,
      actor,
      'case.action.add',
      caseId,
      { action: row.id, owner: owner.email, agency: owner.agency_code, dueOn: a.dueOn },
      now,
    );
    return { actionId: row.id };
  });
}

export const ActionStatusInput = z.object({
  status: z.enum(['open', 'done', 'dropped'], { message: 'choose open, done or dropped' }),
});

export async function setActionStatus(
  db: Kysely<DB>,
  actor: Actor,
  caseId: number,
  actionId: number,
  input: unknown,
  now: Date,
): Promise<void> {
  await openCaseChanger(db, actor, caseId, now);
  const parsed = ActionStatusInput.safeParse(input);
  if (!parsed.success) throw fieldError(parsed.error.issues, 'status');
  const { status } = parsed.data;
  await db.transaction().execute(async (trx) => {
    const action = await trx
      .selectFrom('case_action')
      .select(['id', 'status'])
      .where('id', '=', actionId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!action) throw new CaseRefusedError('action');
    await trx
      .updateTable('case_action')
      .set({ status, completed_at: status === 'open' ? null : now })
      .where('id', '=', actionId)
      .execute();
    await auditCase(
      trx,
      actor,
      'case.action.status',
      caseId,
      { action: actionId, from: action.status, to: status },
      now,
    );
  });
}
