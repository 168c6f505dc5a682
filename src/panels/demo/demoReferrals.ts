import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { seal } from '../crypto/fieldCipher.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { factDimensions, type Person } from '../people/person.ts';
import { newReference } from '../references.ts';
import { addDays, at } from './demoDays.ts';
import type { StoryReferral } from './demoStory.ts';

/*
 * One SYNTHETIC referral of the demo's story and its triage, written as the referral and triage pages would write
 * them (the same columns, the same facts in the same transaction). Lawful basis: public task with the schedule 1
 * safeguarding condition; consent sought and given for most, not sought (with the reason) for the rest.
 */

export interface WrittenReferral {
  id: number;
  day: string;
  triagedDay: string | null;
}

const TRIAGE_HOURS: Readonly<Record<string, number>> = { mash: 72, marac: 120, iom: 168 };

export async function writeReferral(
  trx: Kysely<DB>,
  ring: KeyRing,
  s: StoryReferral,
  x: {
    person: Person;
    referrer: Actor;
    triager: Actor;
    screeningId: number | null;
    repeatOf: number | null;
    today: string;
  },
): Promise<WrittenReferral> {
  const day = addDays(x.today, -s.daysAgo);
  const created = at(day, 11);
  const consentGiven = s.to !== 'marac' && s.daysAgo % 3 !== 0;
  const triagedDay = s.outcome === null ? null : addDays(day, s.to === 'mash' ? 1 : 2);
  // Recorded as the triage page records it (src/panels/referrals/triage.ts): "case:<panel>" or the decision.
  const decision =
    s.outcome === null
      ? null
      : s.outcome === 'early-help' || s.outcome === 'no-further-action'
        ? s.outcome
        : `case:${s.outcome}`;
  const status =
    decision === null
      ? 'awaiting-triage'
      : decision === 'early-help'
        ? 'triaged'
        : decision === 'no-further-action'
          ? 'closed'
          : 'sent-to-panel';
  const row = await trx
    .insertInto('referral')
    .values({
      reference: newReference('R'),
      screening_id: x.screeningId,
      person_id: x.person.id,
      panel_id: s.to,
      referrer_id: x.referrer.id,
      referrer_agency: x.referrer.agency,
      reason: `SYNTHETIC demo referral: invented concerns for ${x.person.givenName} ${x.person.familyName}`,
      grounds: JSON.stringify(
        s.to === 'marac' ? (x.repeatOf ? ['dash', 'repeat'] : ['dash']) : s.to === 'iom' ? ['persistent-violent'] : [],
      ),
      dash_score: s.dash ?? null,
      lawful_basis: 'public-task',
      special_condition: 'sch1-18-safeguarding',
      consent: consentGiven ? 'given' : 'not-sought',
      consent_reason: consentGiven ? null : 'SYNTHETIC: asking would increase the risk to the person',
      status,
      triage_due_at: new Date(created.getTime() + (TRIAGE_HOURS[s.to] ?? 72) * 3_600_000),
      triaged_at: triagedDay ? at(triagedDay, 15) : null,
      triaged_by: triagedDay ? x.triager.id : null,
      triage_decision: decision,
      triage_reason: triagedDay ? 'SYNTHETIC: decided on the invented information in the referral' : null,
      repeat_of: x.repeatOf,
      created_at: created,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordFact(trx, ring, {
    kind: 'referral',
    occurredOn: day,
    agency: x.referrer.agency,
    panelId: s.to,
    repeat: x.repeatOf !== null,
    ...dimsOf(x.person, day),
    source: `referral:${row.id}`,
  });
  if (triagedDay)
    await recordFact(trx, ring, {
      kind: 'triage',
      occurredOn: triagedDay,
      agency: x.referrer.agency,
      panelId: s.to,
      route: decision,
      repeat: x.repeatOf !== null,
      ...dimsOf(x.person, triagedDay),
      source: `referral:${row.id}`,
    });
  return { id: row.id, day, triagedDay };
}

export function dimsOf(person: Person, day: string) {
  const d = factDimensions(person, day);
  return { ageBand: d.age_band, sex: d.sex, ethnicityGroup: d.ethnicity_group };
}

/** What one member agency holds, sealed as the preparation page seals it (src/panels/cases/preparation.ts). */
export const sealedPreparation = (ring: KeyRing, agency: string) =>
  seal(
    ring,
    'case_preparation.content_enc',
    `SYNTHETIC demo: ${agency.replace('_', ' ')} holds invented records only (two contacts, one referral, no real person).`,
  );
