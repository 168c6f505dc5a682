import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { rightsFor } from '../../registers/readers.ts';
import type { RegisterDefinition } from '../../registers/registerSchema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { CaseWorkError, dayOf } from '../panel/panelErrors.ts';
import { insertPerson } from '../people/person.ts';
import { auditCase, fieldError, openCaseChanger } from './caseChange.ts';

/*
 * What members add to an open case between and at meetings: risks, linked people (siblings, associates: each a
 * `person` of their own, with the same minimum data) and linked locations of concern (entries of that register the
 * member may read). Each is one transaction with its audit row ('case.update', naming what was added).
 */

export const LOCATIONS_REGISTER = 'locations-of-concern';

const text = (field: string, max: number) =>
  z
    .string({ message: `enter the ${field}` })
    .trim()
    .min(1, { message: `enter the ${field}` })
    .max(max, { message: `must be ${max} characters or fewer` });

export const RiskInput = z.object({
  risk: text('risk', 500),
  level: z.enum(['low', 'medium', 'high'], { message: 'choose low, medium or high' }),
});

export async function addRisk(db: Kysely<DB>, actor: Actor, caseId: number, input: unknown, now: Date) {
  await openCaseChanger(db, actor, caseId, now);
  const parsed = RiskInput.safeParse(input);
  if (!parsed.success) throw fieldError(parsed.error.issues, 'risk');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_risk')
      .values({
        case_id: caseId,
        risk: parsed.data.risk,
        level: parsed.data.level,
        recorded_by: actor.id,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditCase(trx, actor, 'case.update', caseId, { added: 'risk', risk: row.id, level: parsed.data.level }, now);
    return { riskId: row.id };
  });
}

export const LinkedPersonInput = z.object({
  givenName: text('given name', 100),
  familyName: text('family name', 100),
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'enter a date of birth' }),
  sex: z.enum(['female', 'male', 'not-known'], { message: 'choose female, male or not known' }),
  relationship: text('relationship', 100),
});

export async function addLinkedPerson(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  caseId: number,
  input: unknown,
  now: Date,
) {
  await openCaseChanger(db, actor, caseId, now);
  const parsed = LinkedPersonInput.safeParse(input);
  if (!parsed.success) throw fieldError(parsed.error.issues, 'givenName');
  const p = parsed.data;
  if (Number.isNaN(Date.parse(`${p.dateOfBirth}T00:00:00Z`)) || p.dateOfBirth > dayOf(now))
    throw new CaseWorkError('dateOfBirth', 'the date of birth must be a real date and not in the future');
  return db.transaction().execute(async (trx) => {
    const person = await insertPerson(
      trx,
      ring,
      {
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        sex: p.sex,
        special: { ethnicity: 'not-stated' },
      },
      actor.id,
    );
    const row = await trx
      .insertInto('case_link')
      .values({
        case_id: caseId,
        person_id: person.id,
        relationship: p.relationship,
        added_by: actor.id,
        added_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditCase(
      trx,
      actor,
      'case.update',
      caseId,
      { added: 'person', link: row.id, person: person.reference },
      now,
    );
    return { linkId: row.id, personId: person.id };
  });
}

export const LinkedLocationInput = z.object({
  entryId: z.coerce
    .number({ message: 'choose a location of concern' })
    .int()
    .positive({ message: 'choose a location of concern' }),
  relationship: text('relationship', 100),
});

/** Links an entry of the locations-of-concern register the actor may read. */
export async function addLinkedLocation(
  db: Kysely<DB>,
  actor: Actor,
  caseId: number,
  input: unknown,
  locations: RegisterDefinition,
  now: Date,
) {
  await openCaseChanger(db, actor, caseId, now);
  const parsed = LinkedLocationInput.safeParse(input);
  if (!parsed.success) throw fieldError(parsed.error.issues, 'entryId');
  if (locations.id !== LOCATIONS_REGISTER || !(await rightsFor(db, actor, locations)).read)
    throw new CaseWorkError('entryId', 'you may not read the locations of concern register');
  return db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom('register_entry')
      .select(['id', 'reference'])
      .where('id', '=', parsed.data.entryId)
      .where('register_id', '=', LOCATIONS_REGISTER)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (!entry) throw new CaseWorkError('entryId', 'no such location of concern');
    const row = await trx
      .insertInto('case_link')
      .values({
        case_id: caseId,
        location_entry_id: entry.id,
        relationship: parsed.data.relationship,
        added_by: actor.id,
        added_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditCase(
      trx,
      actor,
      'case.update',
      caseId,
      { added: 'location', link: row.id, entry: entry.reference },
      now,
    );
    return { linkId: row.id };
  });
}
