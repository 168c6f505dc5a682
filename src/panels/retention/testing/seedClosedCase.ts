import type { Kysely } from 'kysely';
import type { Actor } from '../../../auth/policy.ts';
import type { DB } from '../../../db/schema.ts';
import type { ReferralStatus } from '../../../db/tables/panels.ts';
import type { KeyRing } from '../../crypto/keyRing.ts';
import { recordFact } from '../../facts/recordFact.ts';
import { insertPerson } from '../../people/person.ts';

/*
 * SYNTHETIC records for the retention tests, written directly (the screening, referral and panel code belongs to
 * other parts): a person, a referral with the reasons retention clears, and optionally a closed case with
 * preparation, a risk, a link, an action and the facts an event would have written.
 */

let serial = 0;

export async function syntheticPerson(db: Kysely<DB>, ring: KeyRing, label: string, by: Actor): Promise<number> {
  const p = await insertPerson(
    db,
    ring,
    {
      givenName: 'Synthetic',
      familyName: label,
      dateOfBirth: '2010-03-01',
      sex: 'female',
      special: { ethnicity: 'black-african', health: 'SYNTHETIC health note' },
    },
    by.id,
  );
  return p.id;
}

export async function syntheticReferral(
  db: Kysely<DB>,
  by: Actor,
  values: { personId: number; panelId: string; triagedAt?: string; decision?: string; status?: ReferralStatus },
): Promise<number> {
  serial += 1;
  const row = await db
    .insertInto('referral')
    .values({
      reference: `R-SYN-${serial}`,
      person_id: values.personId,
      panel_id: values.panelId,
      referrer_id: by.id,
      referrer_agency: by.agency,
      reason: 'SYNTHETIC reason for referral',
      lawful_basis: 'public-task',
      consent: 'not-sought',
      consent_reason: 'SYNTHETIC: seeking consent would increase the risk',
      status: values.status ?? 'triaged',
      triaged_at: values.triagedAt ?? null,
      triage_decision: values.decision ?? null,
      triage_reason: values.triagedAt ? 'SYNTHETIC triage reason' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SeededCase {
  caseId: number;
  referralId: number;
  personId: number;
}

/** A case closed on 2026-03-31 with retain_until given, and its facts: referral, heard, outcome. */
export async function syntheticClosedCase(
  db: Kysely<DB>,
  ring: KeyRing,
  by: Actor,
  values: { personId: number; retainUntil: string; linkedPersonId: number; agency: string },
): Promise<SeededCase> {
  const referralId = await syntheticReferral(db, by, {
    personId: values.personId,
    panelId: 'mace',
    triagedAt: '2026-01-05T10:00:00Z',
    decision: 'accepted',
    status: 'sent-to-panel',
  });
  serial += 1;
  const c = await db
    .insertInto('panel_case')
    .values({
      reference: `C-SYN-${serial}`,
      panel_id: 'mace',
      person_id: values.personId,
      referral_id: referralId,
      status: 'closed',
      summary: 'SYNTHETIC case summary',
      first_heard_on: '2026-01-20',
      outcome: 'risk-reduced',
      closed_at: '2026-03-31T12:00:00Z',
      closure_reason: 'risk-reduced',
      retain_until: values.retainUntil,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseId = c.id;
  await db
    .insertInto('case_preparation')
    .values({ case_id: caseId, agency: 'police', content_enc: 'sealed-synthetic', recorded_by: by.id })
    .execute();
  await db
    .insertInto('case_risk')
    .values({ case_id: caseId, risk: 'SYNTHETIC risk', level: 'high', recorded_by: by.id })
    .execute();
  await db
    .insertInto('case_link')
    .values({ case_id: caseId, person_id: values.linkedPersonId, relationship: 'associate', added_by: by.id })
    .execute();
  await db
    .insertInto('case_action')
    .values({
      case_id: caseId,
      text: 'SYNTHETIC action naming the person',
      owner_agency: 'police',
      due_on: '2026-02-01',
      status: 'done',
      created_by: by.id,
    })
    .execute();
  const dims = { agency: values.agency, ageBand: '16-17', sex: 'female', ethnicityGroup: 'Black' };
  await recordFact(db, ring, {
    ...dims,
    kind: 'referral',
    occurredOn: '2026-01-02',
    panelId: 'mace',
    source: `referral:${referralId}`,
  });
  await recordFact(db, ring, {
    ...dims,
    kind: 'heard',
    occurredOn: '2026-01-20',
    panelId: 'mace',
    daysToPanel: 18,
    source: `case:${caseId}`,
  });
  await recordFact(db, ring, {
    ...dims,
    kind: 'outcome',
    occurredOn: '2026-03-31',
    panelId: 'mace',
    outcome: 'risk-reduced',
    source: `case:${caseId}`,
  });
  return { caseId, referralId, personId: values.personId };
}
