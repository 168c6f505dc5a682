import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { readPanelDefinition } from '../panel/panelDefinition.ts';
import { CaseWorkError, dayOf } from '../panel/panelErrors.ts';
import { factDimensions, readPerson } from '../people/person.ts';
import { auditCase, openCaseChanger } from './caseChange.ts';
import { addDays, daysBetween, retentionDate } from './caseDates.ts';

/*
 * The two decisions only a panel's chair or coordinator records. The outcome of a hearing at a meeting: the first
 * hearing stamps `first_heard_on` and leaves a 'heard' count (days from the case opening to the meeting); every
 * hearing sets the review date (the meeting + the panel's review interval), the outcome and the escalation flag.
 * Closure: a reason from the panel's list, the retention date by outcome, and an 'outcome' count; the case's
 * still-open actions are dropped with it (nobody is left owning work on a closed case), their count and ids in the
 * closure's audit row, since case_action has no column for why. Each is one transaction with its count and audit
 * row; a bad field writes nothing.
 */

const OutcomeInput = z.object({
  meetingId: z.coerce.number({ message: 'choose the meeting' }).int().positive({ message: 'choose the meeting' }),
  outcome: z.string({ message: 'choose the outcome' }).min(1, { message: 'choose the outcome' }),
  escalated: z
    .union([z.boolean(), z.enum(['yes', 'no', 'true', 'false'])])
    .default(false)
    .transform((v) => v === true || v === 'yes' || v === 'true'),
});

async function caseFacts(trx: Kysely<DB>, ring: KeyRing, caseId: number) {
  const c = await trx
    .selectFrom('panel_case as c')
    .leftJoin('referral as r', 'r.id', 'c.referral_id')
    .select(['c.id', 'c.person_id', 'c.opened_at', 'c.first_heard_on', 'c.outcome', 'r.referrer_agency', 'r.repeat_of'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const person = c.person_id === null ? null : await readPerson(trx, ring, c.person_id);
  if (!person) throw new CaseWorkError('case', 'the person on this case has been removed');
  return { c, person };
}

export async function recordOutcome(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  caseId: number,
  input: unknown,
  now: Date,
): Promise<{ reviewOn: string; firstHeard: boolean }> {
  const changer = await openCaseChanger(db, actor, caseId, now, 'lead');
  const parsed = OutcomeInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CaseWorkError(String(issue?.path[0] ?? 'outcome'), issue?.message ?? 'not valid');
  }
  const panel = await readPanelDefinition(db, changer.panelId);
  const { meetingId, outcome, escalated } = parsed.data;
  if (!panel.outcomes.some((o) => o.id === outcome))
    throw new CaseWorkError(
      'outcome',
      `choose one of the panel's outcomes (${panel.outcomes.map((o) => o.id).join(', ')})`,
    );
  return db.transaction().execute(async (trx) => {
    const meeting = await trx
      .selectFrom('panel_meeting')
      .select(['id', 'meets_on'])
      .where('id', '=', meetingId)
      .where('panel_id', '=', changer.panelId)
      .executeTakeFirst();
    if (!meeting) throw new CaseWorkError('meetingId', "choose one of the panel's meetings");
    const { c, person } = await caseFacts(trx, ring, caseId);
    const openedOn = dayOf(c.opened_at);
    if (meeting.meets_on < openedOn) throw new CaseWorkError('meetingId', 'the meeting is before the case was opened');
    const firstHeard = c.first_heard_on === null;
    const reviewOn = addDays(meeting.meets_on, panel.reviewDays);
    await trx
      .updateTable('panel_case')
      .set({
        first_heard_on: firstHeard ? meeting.meets_on : c.first_heard_on,
        review_on: reviewOn,
        outcome,
        escalated,
      })
      .where('id', '=', caseId)
      .execute();
    if (firstHeard)
      await recordFact(trx, ring, {
        kind: 'heard',
        occurredOn: meeting.meets_on,
        agency: c.referrer_agency ?? changer.agency,
        panelId: changer.panelId,
        repeat: c.repeat_of !== null,
        daysToPanel: daysBetween(openedOn, meeting.meets_on),
        ...factFields(person, meeting.meets_on),
        source: `case:${caseId}`,
      });
    await auditCase(
      trx,
      actor,
      'case.update',
      caseId,
      { recorded: 'outcome', meeting: meetingId, outcome, escalated, reviewOn, firstHeard },
      now,
    );
    return { reviewOn, firstHeard };
  });
}

const factFields = (person: Parameters<typeof factDimensions>[0], day: string) => {
  const d = factDimensions(person, day);
  return { ageBand: d.age_band, sex: d.sex, ethnicityGroup: d.ethnicity_group };
};

const CloseInput = z.object({
  reason: z.string({ message: 'choose the reason for closing' }).min(1, { message: 'choose the reason for closing' }),
});

export async function closeCase(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  caseId: number,
  input: unknown,
  now: Date,
): Promise<{ retainUntil: string; actionsClosed: number }> {
  const changer = await openCaseChanger(db, actor, caseId, now, 'lead');
  const parsed = CloseInput.safeParse(input);
  if (!parsed.success) throw new CaseWorkError('reason', parsed.error.issues[0]?.message ?? 'not valid');
  const panel = await readPanelDefinition(db, changer.panelId);
  const { reason } = parsed.data;
  if (!panel.closureReasons.some((r) => r.id === reason))
    throw new CaseWorkError(
      'reason',
      `choose one of the panel's closure reasons (${panel.closureReasons.map((r) => r.id).join(', ')})`,
    );
  return db.transaction().execute(async (trx) => {
    const { c, person } = await caseFacts(trx, ring, caseId);
    const closedOn = dayOf(now);
    const retainUntil = retentionDate(closedOn, c.outcome, panel.retention);
    await trx
      .updateTable('panel_case')
      .set({ status: 'closed', closed_at: now, closure_reason: reason, retain_until: retainUntil })
      .where('id', '=', caseId)
      .execute();
    const dropped = await trx
      .updateTable('case_action')
      .set({ status: 'dropped', completed_at: now })
      .where('case_id', '=', caseId)
      .where('status', '=', 'open')
      .returning('id')
      .execute();
    const droppedIds = dropped.map((a) => a.id).sort((a, b) => a - b);
    await recordFact(trx, ring, {
      kind: 'outcome',
      occurredOn: closedOn,
      agency: c.referrer_agency ?? changer.agency,
      panelId: changer.panelId,
      outcome: c.outcome,
      repeat: c.repeat_of !== null,
      ...factFields(person, closedOn),
      source: `case:${caseId}`,
    });
    await auditCase(
      trx,
      actor,
      'case.close',
      caseId,
      {
        reason,
        outcome: c.outcome,
        retainUntil,
        actionsClosed: droppedIds.length,
        actionsClosedIds: droppedIds,
      },
      now,
    );
    return { retainUntil, actionsClosed: droppedIds.length };
  });
}
