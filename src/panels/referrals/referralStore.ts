import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { panelSet, type PanelSet } from '../loadPanels.ts';
import { PanelDefinition } from '../panelSchema.ts';
import { factDimensions, insertPerson, matchKey } from '../people/person.ts';
import { newReference } from '../references.ts';
import { checkReferral, type ReferralProblem } from './referralInput.ts';
import { dayOf, monthsBefore, triageDueAt } from './referralTimes.ts';

/*
 * Making a referral: the person, the referral, its repeat flag, the screening it came from, its anonymous count
 * and its audit row, in one transaction; any problem writes nothing. Repeat detection is by the person's match key
 * (normalised names and date of birth), so a second referral of the same person to the same panel within the
 * panel's window points at the earlier one, whichever referrer made it.
 */

export class ReferralInputError extends Error {
  override name = 'ReferralInputError';
  constructor(readonly problems: readonly ReferralProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** The panels as the database holds them (synced from panels/*.json). */
export async function storedPanels(db: Kysely<DB>): Promise<PanelSet> {
  const rows = await db.selectFrom('panel').select('definition').execute();
  return panelSet(rows.map((r) => PanelDefinition.parse(r.definition)));
}

export interface CreatedReferral {
  id: number;
  reference: string;
  personId: number;
  repeatOf: number | null;
}

/** The latest earlier referral of this person to this panel (or one that opened a case there) within the window. */
async function earlierReferral(trx: Kysely<DB>, key: string, panelId: string, since: Date, now: Date) {
  const direct = await trx
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.created_at as at'])
    .where('p.match_key', '=', key)
    .where('r.panel_id', '=', panelId)
    .where('r.created_at', '>=', since)
    .where('r.created_at', '<=', now)
    .orderBy('r.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const viaCase = await trx
    .selectFrom('panel_case as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.referral_id as id', 'c.opened_at as at'])
    .where('p.match_key', '=', key)
    .where('c.panel_id', '=', panelId)
    .where('c.referral_id', 'is not', null)
    .where('c.opened_at', '>=', since)
    .where('c.opened_at', '<=', now)
    .orderBy('c.opened_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const found = [direct, viaCase].filter((x) => x?.id != null) as { id: number; at: Date }[];
  found.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
  return found[0]?.id ?? null;
}

export async function createReferral(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  input: unknown,
  now: Date,
): Promise<CreatedReferral> {
  const checked = checkReferral(input, await storedPanels(db), dayOf(now));
  if (!checked.ok) throw new ReferralInputError(checked.problems);
  const v = checked.value;
  return db.transaction().execute(async (trx) => {
    if (v.screeningId !== null) {
      const s = await trx
        .selectFrom('screening')
        .select(['id', 'completed_by', 'identified'])
        .where('id', '=', v.screeningId)
        .executeTakeFirst();
      // Another's screening is refused as if it did not exist.
      if (!s || s.completed_by !== actor.id)
        throw new ReferralInputError([
          { field: 'screeningId', message: 'The screening this referral is made from was not found' },
        ]);
      if (s.identified)
        throw new ReferralInputError([
          { field: 'screeningId', message: 'This screening has already become a referral' },
        ]);
      await trx.updateTable('screening').set({ identified: true }).where('id', '=', s.id).execute();
    }
    const person = await insertPerson(trx, ring, v.person, actor.id);
    const since = monthsBefore(now, v.panel.repeatWithinMonths);
    const repeatOf = await earlierReferral(trx, matchKey(v.person), v.panel.id, since, now);
    const reference = newReference('R');
    const row = await trx
      .insertInto('referral')
      .values({
        reference,
        screening_id: v.screeningId,
        person_id: person.id,
        panel_id: v.panel.id,
        referrer_id: actor.id,
        referrer_agency: actor.agency,
        reason: v.reason,
        grounds: JSON.stringify(v.grounds),
        dash_score: v.dashScore,
        lawful_basis: v.lawfulBasis,
        special_condition: v.specialCondition,
        consent: v.consent,
        consent_reason: v.consentReason,
        status: 'awaiting-triage',
        triage_due_at: triageDueAt(now, v.panel.triageHours),
        repeat_of: repeatOf,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const day = dayOf(now);
    await recordFact(trx, ring, {
      kind: 'referral',
      occurredOn: day,
      agency: actor.agency,
      panelId: v.panel.id,
      repeat: repeatOf !== null,
      ...dims(factDimensions(person, day)),
      source: `referral:${row.id}`,
    });
    await recordAudit(
      trx,
      {
        action: 'referral.create',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'referral',
        subjectId: row.id,
        details: { reference, panel: v.panel.id, screening: v.screeningId, repeatOf, lawfulBasis: v.lawfulBasis },
      },
      now,
    );
    return { id: row.id, reference, personId: person.id, repeatOf };
  });
}

/** factDimensions' column names as recordFact's. */
export const dims = (d: { age_band: string; sex: string; ethnicity_group: string }) => ({
  ageBand: d.age_band,
  sex: d.sex,
  ethnicityGroup: d.ethnicity_group,
});
