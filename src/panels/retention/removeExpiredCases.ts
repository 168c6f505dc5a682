import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { sourceToken } from '../facts/recordFact.ts';
import type { PanelSet } from '../loadPanels.ts';
import {
  type ExpiredCase,
  type ExpiredReferral,
  expiredCases,
  expiredReferrals,
  REMOVED_TEXT,
} from './expiredRecords.ts';

/*
 * The panels' retention job (issue 21, decision 0017): personal data goes after its retention date and the
 * anonymous counts stay. For each expired case: its preparation, risks and links are deleted; its summary is
 * cleared and its action texts replaced; its referral's reasons are cleared; the person is unlinked from the case
 * and the referral and deleted once nothing else points at them; the facts counted from the case, its referral and
 * the screening behind it lose their source token (so nothing links an ethnic group to a case any more); personal_removed_at is stamped.
 * Referrals closed without a case are treated the same way. The case row (panel, outcome, dates) and every
 * panel_fact row stay, so the counts after equal the counts before. One transaction; the audit row has counts only.
 */

export interface PanelsRetentionRun {
  today: string;
  dryRun: boolean;
  cases: ExpiredCase[];
  referrals: ExpiredReferral[];
  /** People deleted (or, in a dry run, who would be) because nothing points at them any more. */
  peopleRemoved: number;
  /** Anonymous facts whose source token was cleared (or would be). */
  factsUnlinked: number;
}

export interface PanelsRetentionOptions {
  now: Date;
  dryRun: boolean;
  actor: AuditActor;
}

export async function removeExpiredCases(
  db: Kysely<DB>,
  panels: PanelSet,
  /** The key ring, or how to open it: opened only when something has expired (serve need not create a key file). */
  ring: KeyRing | (() => Promise<KeyRing>),
  options: PanelsRetentionOptions,
): Promise<PanelsRetentionRun> {
  const today = options.now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const cases = await expiredCases(trx, today);
    const referrals = await expiredReferrals(trx, panels, today);
    const caseIds = cases.map((c) => c.id);
    const referralIds = [
      ...cases.flatMap((c) => (c.referralId === null ? [] : [c.referralId])),
      ...referrals.map((r) => r.id),
    ];
    // A screening that became one of these referrals is counted too: its fact's token would lead to the referral.
    const screenings =
      referralIds.length === 0
        ? []
        : await trx
            .selectFrom('referral')
            .select('screening_id')
            .where('id', 'in', referralIds)
            .where('screening_id', 'is not', null)
            .execute();
    const sources = [
      ...caseIds.map((id) => `case:${id}`),
      ...referralIds.map((id) => `referral:${id}`),
      ...screenings.map((s) => `screening:${s.screening_id}`),
    ];
    const keys = sources.length === 0 ? null : typeof ring === 'function' ? await ring() : ring;
    const tokens = keys === null ? [] : sources.map((s) => sourceToken(keys, s));
    const linked =
      caseIds.length === 0
        ? []
        : await trx.selectFrom('case_link').select('person_id').where('case_id', 'in', caseIds).execute();
    const people = new Set<number>(
      [...cases, ...referrals, ...linked.map((l) => ({ personId: l.person_id }))].flatMap((x) =>
        x.personId === null ? [] : [x.personId],
      ),
    );
    const factsUnlinked = await countFacts(trx, tokens);
    if (options.dryRun) {
      const peopleRemoved = (await unreferenced(trx, [...people], caseIds, referralIds)).length;
      return { today, dryRun: true, cases, referrals, peopleRemoved, factsUnlinked };
    }
    if (caseIds.length > 0) {
      await trx.deleteFrom('case_preparation').where('case_id', 'in', caseIds).execute();
      await trx.deleteFrom('case_risk').where('case_id', 'in', caseIds).execute();
      await trx.deleteFrom('case_link').where('case_id', 'in', caseIds).execute();
      await trx.updateTable('case_action').set({ text: REMOVED_TEXT }).where('case_id', 'in', caseIds).execute();
      await trx
        .updateTable('panel_case')
        .set({ summary: null, person_id: null, personal_removed_at: options.now })
        .where('id', 'in', caseIds)
        .execute();
    }
    if (referralIds.length > 0)
      await trx
        .updateTable('referral')
        .set((eb) => ({
          person_id: null,
          reason: null,
          triage_reason: null,
          // The CHECK keeps a reason when consent was not given: it says the reason was removed instead.
          consent_reason: eb.case().when('consent_reason', 'is', null).then(null).else(REMOVED_TEXT).end(),
        }))
        .where('id', 'in', referralIds)
        .execute();
    const gone = await unreferenced(trx, [...people], [], []);
    if (gone.length > 0) {
      // A subject request keeps the reference it was received with; only its link to the deleted row goes.
      await trx.updateTable('subject_request').set({ person_id: null }).where('person_id', 'in', gone).execute();
      await trx.deleteFrom('person').where('id', 'in', gone).execute();
    }
    for (const part of chunks(tokens))
      await trx.updateTable('panel_fact').set({ source_token: null }).where('source_token', 'in', part).execute();
    await recordAudit(
      trx,
      {
        action: 'panels.retention',
        actor: options.actor,
        subjectType: 'panels',
        subjectId: 'all',
        details: {
          today,
          cases: cases.length,
          referrals: referrals.length,
          people: gone.length,
          factsUnlinked,
        },
      },
      options.now,
    );
    return { today, dryRun: false, cases, referrals, peopleRemoved: gone.length, factsUnlinked };
  });
}

/** Tokens in lists of at most 5,000: a year's expiry at once stays under the bind-parameter limit. */
const chunks = (list: string[]): string[][] =>
  Array.from({ length: Math.ceil(list.length / 5000) }, (_, i) => list.slice(i * 5000, (i + 1) * 5000));

async function countFacts(trx: Kysely<DB>, tokens: string[]): Promise<number> {
  let n = 0;
  for (const part of chunks(tokens)) {
    const row = await trx
      .selectFrom('panel_fact')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source_token', 'in', part)
      .executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}

/**
 * Of `people`, those no case, referral or case link points at, not counting the cases and referrals about to lose
 * them (`leavingCases`, `leavingReferrals`: empty once they have been unlinked).
 */
async function unreferenced(
  trx: Kysely<DB>,
  people: number[],
  leavingCases: number[],
  leavingReferrals: number[],
): Promise<number[]> {
  if (people.length === 0) return [];
  const rows = await trx
    .selectFrom('person as p')
    .select('p.id')
    .where('p.id', 'in', people)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('panel_case as c')
            .select('c.id')
            .whereRef('c.person_id', '=', 'p.id')
            .$if(leavingCases.length > 0, (q) => q.where('c.id', 'not in', leavingCases)),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('referral as r')
            .select('r.id')
            .whereRef('r.person_id', '=', 'p.id')
            .$if(leavingReferrals.length > 0, (q) => q.where('r.id', 'not in', leavingReferrals)),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_link as l')
            .select('l.id')
            .whereRef('l.person_id', '=', 'p.id')
            .$if(leavingCases.length > 0, (q) => q.where('l.case_id', 'not in', leavingCases)),
        ),
      ),
    )
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}
