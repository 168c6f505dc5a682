import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { ReferralStatus } from '../../db/tables/panels.ts';
import { ageOn } from '../../domain/panels/demographics.ts';
import { panelRole } from '../access/caseAccess.ts';
import { openCase } from '../cases/openCase.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { isMash } from '../panelSchema.ts';
import { factDimensions, readPerson } from '../people/person.ts';
import { dims, storedPanels } from './referralStore.ts';
import { dayOf } from './referralTimes.ts';

/*
 * Triage: the panel a referral went to (the MASH, or a panel referred to directly) records one decision. Only a
 * current member of that panel may; to anyone else the referral does not exist. The MASH may open a case in any
 * other panel; a panel referred to directly opens its own case. The decision is stored as written to the count:
 * "case:<panel>", "early-help" or "no-further-action" (the last needs a reason).
 */

export const TriageDecision = z.object({
  decision: z.enum(['open-case', 'early-help', 'no-further-action'], {
    error: 'Choose a decision: open a case, early help or no further action',
  }),
  casePanelId: z.string().trim().max(60).optional(),
  reason: z.string().trim().max(4000).optional(),
  summary: z.string().trim().max(4000).optional(),
  allocatedTo: z.number().int().positive().nullish(),
});
export type TriageDecision = z.input<typeof TriageDecision>;

export interface TriageProblem {
  field: 'decision' | 'casePanelId' | 'reason';
  message: string;
}

export class TriageInputError extends Error {
  override name = 'TriageInputError';
  constructor(readonly problems: readonly TriageProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** The referral is not there, or the actor is not on its panel: the same answer, "not found". */
export class TriageNotFoundError extends Error {
  override name = 'TriageNotFoundError';
}

export interface TriageResult {
  decision: string;
  status: ReferralStatus;
  caseId: number | null;
  caseReference: string | null;
}

const STATUS_AFTER = { 'open-case': 'sent-to-panel', 'early-help': 'triaged', 'no-further-action': 'closed' } as const;

export async function triageReferral(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  referralId: number,
  decision: unknown,
  now: Date,
): Promise<TriageResult> {
  const panels = await storedPanels(db);
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('referral').selectAll().where('id', '=', referralId).forUpdate().executeTakeFirst();
    if (!r || !(await panelRole(trx, actor, r.panel_id, now))) throw new TriageNotFoundError('referral: not found');
    const parsed = TriageDecision.safeParse(decision ?? {});
    if (!parsed.success)
      throw new TriageInputError([
        { field: 'decision', message: parsed.error.issues[0]?.message ?? 'Choose a decision' },
      ]);
    const d = parsed.data;
    if (r.status !== 'awaiting-triage')
      throw new TriageInputError([{ field: 'decision', message: 'This referral has been triaged already' }]);
    const person = r.person_id === null ? null : await readPerson(trx, ring, r.person_id);
    const from = panels.get(r.panel_id);
    const problems: TriageProblem[] = [];
    let casePanelId: string | null = null;
    if (d.decision === 'open-case') {
      casePanelId = from && isMash(from) ? d.casePanelId || null : r.panel_id;
      const to = casePanelId ? panels.get(casePanelId) : undefined;
      if (!to || (from && isMash(from) && isMash(to)))
        problems.push({ field: 'casePanelId', message: 'Choose the panel the case opens in' });
      else if (person) {
        const age = ageOn(person.dateOfBirth, dayOf(now));
        if (age < to.ages.min || age > to.ages.max)
          problems.push({
            field: 'casePanelId',
            message: `The person is ${age}; ${to.shortName} takes ages ${to.ages.min} to ${to.ages.max}`,
          });
      }
    }
    if (d.decision === 'no-further-action' && !d.reason)
      problems.push({ field: 'reason', message: 'Say why no further action is needed' });
    if (problems.length > 0) throw new TriageInputError(problems);

    const opened =
      casePanelId === null
        ? null
        : await openCase(trx, ring, {
            panelId: casePanelId,
            personId: r.person_id,
            referralId: r.id,
            allocatedTo: d.allocatedTo ?? null,
            summary: d.summary ?? null,
            actor,
            now,
          });
    const recorded = casePanelId ? `case:${casePanelId}` : d.decision;
    const status = STATUS_AFTER[d.decision];
    await trx
      .updateTable('referral')
      .set({
        status,
        triaged_at: now,
        triaged_by: actor.id,
        triage_decision: recorded,
        triage_reason: d.reason || null,
      })
      .where('id', '=', r.id)
      .execute();
    const day = dayOf(now);
    await recordFact(trx, ring, {
      kind: 'triage',
      occurredOn: day,
      agency: r.referrer_agency,
      panelId: r.panel_id,
      route: recorded,
      repeat: r.repeat_of !== null,
      ...(person
        ? dims(factDimensions(person, day))
        : { ageBand: 'not known', sex: 'not-known', ethnicityGroup: 'Not stated' }),
      source: `referral:${r.id}`,
    });
    await recordAudit(
      trx,
      {
        action: 'referral.triage',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'referral',
        subjectId: r.id,
        details: { decision: recorded, case: opened?.id ?? null },
      },
      now,
    );
    return { decision: recorded, status, caseId: opened?.id ?? null, caseReference: opened?.reference ?? null };
  });
}
