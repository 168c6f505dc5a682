import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { SubjectRequestTable } from '../../db/tables/panels.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { REFERENCE_PATTERN } from '../references.ts';
import { erasePerson } from './erasePerson.ts';
import { Corrections, realDay, rectifyPerson } from './rectifyPerson.ts';

/*
 * Subject requests (access, rectification, erasure) are recorded and decided by a data owner, the agency's data
 * protection lead, and by nobody else. Each is audited; a rectification or an erasure is applied in the same
 * transaction as its outcome, so an outcome "completed" is never recorded for a change that did not happen.
 * Requests are seen by the data owners of the agency that recorded them.
 */

export class SubjectRequestError extends Error {
  override name = 'SubjectRequestError';
}

export const mayHandleSubjectRequests = (actor: Actor): boolean => actor.role === 'data_owner';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const NewSubjectRequest = z.object({
  personReference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(REFERENCE_PATTERN, 'a person reference such as P-7KQ2-M9XD')
    .refine((r) => r.startsWith('P-'), 'a person reference starts with P-'),
  kind: z.enum(['access', 'rectification', 'erasure'], { message: 'choose access, rectification or erasure' }),
  receivedOn: z.string().regex(DAY, 'a date as YYYY-MM-DD').refine(realDay, 'not a real date'),
  details: z.string().trim().min(1, 'say what the person asked for').max(4000),
});
export type NewSubjectRequest = z.infer<typeof NewSubjectRequest>;

export const Decision = z
  .object({
    outcome: z.enum(['completed', 'partly-completed', 'refused'], { message: 'choose an outcome' }),
    reason: z.string().trim().max(4000).default(''),
    corrections: Corrections.optional(),
  })
  .refine((d) => d.outcome === 'completed' || d.reason.length > 0, {
    path: ['reason'],
    message: 'give the reason for a refusal or a partial outcome',
  });
export type Decision = z.infer<typeof Decision>;

export type SubjectRequest = Selectable<SubjectRequestTable>;

const auditActor = (actor: Actor) => ({ userId: actor.id, email: actor.email, agency: actor.agency });
const refuseUnlessDataOwner = (actor: Actor) => {
  if (!mayHandleSubjectRequests(actor))
    throw new SubjectRequestError('only a data owner records and handles subject requests');
};

export async function recordSubjectRequest(
  db: Kysely<DB>,
  actor: Actor,
  input: NewSubjectRequest,
  now: Date,
): Promise<number> {
  refuseUnlessDataOwner(actor);
  if (input.receivedOn > now.toISOString().slice(0, 10))
    throw new SubjectRequestError('receivedOn: the date received cannot be in the future');
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select('id')
      .where('reference', '=', input.personReference)
      .executeTakeFirst();
    const row = await trx
      .insertInto('subject_request')
      .values({
        person_id: person?.id ?? null,
        person_reference: input.personReference,
        kind: input.kind,
        received_on: input.receivedOn,
        details: input.details,
        recorded_by: actor.id,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        action: 'subject-request.record',
        actor: auditActor(actor),
        subjectType: 'subject_request',
        subjectId: row.id,
        details: { kind: input.kind, receivedOn: input.receivedOn, personHeld: person !== undefined },
      },
      now,
    );
    return row.id;
  });
}

/** The requests the data owner's agency recorded, newest first. */
export async function listSubjectRequests(db: Kysely<DB>, actor: Actor): Promise<SubjectRequest[]> {
  refuseUnlessDataOwner(actor);
  return db
    .selectFrom('subject_request as s')
    .innerJoin('app_user as u', 'u.id', 's.recorded_by')
    .selectAll('s')
    .where('u.agency_code', '=', actor.agency)
    .orderBy('s.received_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

/** One request, when the data owner's agency recorded it; null otherwise (a 404). */
export async function findSubjectRequest(db: Kysely<DB>, actor: Actor, id: number): Promise<SubjectRequest | null> {
  if (!mayHandleSubjectRequests(actor)) return null;
  const row = await db
    .selectFrom('subject_request as s')
    .innerJoin('app_user as u', 'u.id', 's.recorded_by')
    .selectAll('s')
    .where('s.id', '=', id)
    .where('u.agency_code', '=', actor.agency)
    .executeTakeFirst();
  return row ?? null;
}

export async function decideSubjectRequest(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  id: number,
  decision: Decision,
  now: Date,
): Promise<void> {
  refuseUnlessDataOwner(actor);
  const request = await findSubjectRequest(db, actor, id);
  if (!request) throw new SubjectRequestError('request: not found');
  if (request.outcome !== null) throw new SubjectRequestError('outcome: this request has already been decided');
  const applies = decision.outcome !== 'refused';
  if (applies && request.kind === 'rectification' && !decision.corrections)
    throw new SubjectRequestError('corrections: say what is corrected, or refuse the request with a reason');
  if (applies && request.kind !== 'access' && request.person_id === null)
    throw new SubjectRequestError('person: Safer holds no person with that reference; refuse with the reason');
  await db.transaction().execute(async (trx) => {
    const personId = request.person_id;
    if (applies && personId !== null && request.kind === 'rectification' && decision.corrections) {
      const fields = await rectifyPerson(trx, ring, personId, decision.corrections, now.toISOString().slice(0, 10));
      // Which of them were cleared to blank, by name: the audit holds neither the old value nor the new.
      const cleared = (decision.corrections.clear ?? []).filter((c) => fields.includes(c));
      await recordAudit(
        trx,
        {
          action: 'person.update',
          actor: auditActor(actor),
          subjectType: 'person',
          subjectId: personId,
          details: { fields, ...(cleared.length > 0 ? { cleared } : {}), subjectRequest: id },
        },
        now,
      );
    }
    let erased = null;
    if (decision.outcome === 'completed' && personId !== null && request.kind === 'erasure')
      erased = await erasePerson(trx, ring, personId, now);
    await trx
      .updateTable('subject_request')
      .set({ outcome: decision.outcome, outcome_reason: decision.reason || null, decided_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      {
        action: 'subject-request.decide',
        actor: auditActor(actor),
        subjectType: 'subject_request',
        subjectId: id,
        details: { kind: request.kind, outcome: decision.outcome, ...(erased ? { erased } : {}) },
      },
      now,
    );
  });
}
