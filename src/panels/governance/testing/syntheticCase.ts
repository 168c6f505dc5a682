import type { Kysely } from 'kysely';
import type { Actor } from '../../../auth/policy.ts';
import type { DB } from '../../../db/schema.ts';
import { seal } from '../../crypto/fieldCipher.ts';
import type { KeyRing } from '../../crypto/keyRing.ts';
import { recordFact } from '../../facts/recordFact.ts';
import { insertPerson, type Person } from '../../people/person.ts';
import { newReference } from '../../references.ts';

/*
 * One SYNTHETIC person with a referral and a MACE case holding a bit of everything (a risk, a linked SYNTHETIC
 * person, a sealed preparation, an action, an agenda appearance and two anonymous facts), written straight to the
 * tables so these tests do not depend on the referral and case pages.
 */

export interface SyntheticCase {
  person: Person;
  linked: Person;
  referralId: number;
  screeningId: number;
  referralReference: string;
  caseId: number;
  caseReference: string;
}

export async function syntheticCase(
  db: Kysely<DB>,
  ring: KeyRing,
  referrer: Actor,
  names: { given: string; family: string; linkedGiven: string; linkedFamily: string; panel?: string; meetsOn?: string },
): Promise<SyntheticCase> {
  const panel = names.panel ?? 'mace';
  const person = await insertPerson(
    db,
    ring,
    {
      givenName: names.given,
      familyName: names.family,
      dateOfBirth: '2010-04-01',
      sex: 'female',
      special: { ethnicity: 'white-british', health: `SYNTHETIC asthma of ${names.given}` },
    },
    referrer.id,
  );
  const linked = await insertPerson(
    db,
    ring,
    {
      givenName: names.linkedGiven,
      familyName: names.linkedFamily,
      dateOfBirth: '2000-01-01',
      sex: 'male',
      special: { ethnicity: 'not-stated' },
    },
    referrer.id,
  );
  // A screening behind the referral, under a one-question SYNTHETIC tool (added once per database).
  await db
    .insertInto('screening_tool')
    .values({ id: 'synthetic-governance', version: 1, title: 'SYNTHETIC tool', definition: '{}' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const screening = await db
    .insertInto('screening')
    .values({
      tool_id: 'synthetic-governance',
      tool_version: 1,
      agency: referrer.agency,
      setting: 'school',
      completed_by: referrer.id,
      completed_by_email: referrer.email,
      answers: JSON.stringify({ missing: 'yes' }),
      score: 7,
      level: 'high',
      reasons: JSON.stringify([`SYNTHETIC: ${names.given} missing overnight`]),
      recommended_route: 'mash',
      confirmed_route: 'mash',
      age_band: '10-17',
      sex: 'female',
      identified: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const referralReference = newReference('R');
  const referral = await db
    .insertInto('referral')
    .values({
      reference: referralReference,
      screening_id: screening.id,
      person_id: person.id,
      panel_id: panel,
      referrer_id: referrer.id,
      referrer_agency: referrer.agency,
      reason: `SYNTHETIC: seen with ${names.linkedGiven} near the station`,
      lawful_basis: 'public-task',
      consent: 'not-sought',
      consent_reason: 'SYNTHETIC: would increase risk',
      status: 'sent-to-panel',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseReference = newReference('C');
  const c = await db
    .insertInto('panel_case')
    .values({
      reference: caseReference,
      panel_id: panel,
      person_id: person.id,
      referral_id: referral.id,
      status: 'open',
      summary: `SYNTHETIC case of ${names.given}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_risk')
    .values({ case_id: c.id, risk: 'criminal exploitation', level: 'high', recorded_by: referrer.id })
    .execute();
  await db
    .insertInto('case_link')
    .values({ case_id: c.id, person_id: linked.id, relationship: 'associate', added_by: referrer.id })
    .execute();
  const meeting = await db
    .insertInto('panel_meeting')
    .values({ panel_id: panel, meets_on: names.meetsOn ?? '2026-01-15', created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('panel_agenda_item')
    .values({ meeting_id: meeting.id, case_id: c.id, reason: 'new', position: 1 })
    .execute();
  await db
    .insertInto('case_preparation')
    .values({
      case_id: c.id,
      meeting_id: meeting.id,
      agency: referrer.agency,
      content_enc: seal(ring, 'case_preparation.content_enc', `SYNTHETIC preparation on ${names.family}`),
      recorded_by: referrer.id,
    })
    .execute();
  await db
    .insertInto('case_action')
    .values({
      case_id: c.id,
      meeting_id: meeting.id,
      text: 'SYNTHETIC: school to check attendance',
      owner_agency: referrer.agency,
      due_on: '2026-02-01',
      status: 'open',
      created_by: referrer.id,
    })
    .execute();
  const dims = { agency: referrer.agency, panelId: panel, ageBand: '10-17', sex: 'female', ethnicityGroup: 'white' };
  await recordFact(db, ring, {
    kind: 'referral',
    occurredOn: '2026-01-02',
    ...dims,
    source: `referral:${referral.id}`,
  });
  await recordFact(db, ring, { kind: 'heard', occurredOn: '2026-01-15', ...dims, source: `case:${c.id}` });
  return {
    person,
    linked,
    referralId: referral.id,
    screeningId: screening.id,
    referralReference,
    caseId: c.id,
    caseReference,
  };
}

/** The governance tests' first subject: SyntheticAda Alphaworth, linked to SyntheticLin Gammaton, referred by the school nurse. */
export const syntheticAda = (f: { db: Kysely<DB>; ring: KeyRing; people: { nurse: Actor } }): Promise<SyntheticCase> =>
  syntheticCase(f.db, f.ring, f.people.nurse, {
    given: 'SyntheticAda',
    family: 'Alphaworth',
    linkedGiven: 'SyntheticLin',
    linkedFamily: 'Gammaton',
  });
