import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import { sourceToken } from '../facts/recordFact.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { REMOVED_TEXT } from './expiredRecords.ts';
import { removeExpiredCases } from './removeExpiredCases.ts';
import { type SeededCase, syntheticClosedCase, syntheticPerson, syntheticReferral } from './testing/seedClosedCase.ts';

/*
 * Retention of panel cases and referrals, worked by hand. Today is 15 June 2026:
 * - case A, retain_until 14 June 2026 (yesterday): its content goes; the person linked only to A is deleted; A's
 *   own person is unlinked from A but kept, because case B (not yet expired) links to them.
 * - case B, retain_until 15 June 2026 (today): keeps everything, its person too (also linked from A).
 * - MASH referral, no further action (2 years), triaged 14 June 2024: 14 June 2026 is before today, it goes.
 * - MASH referral, no further action, triaged 15 June 2024: kept until today inclusive.
 * - MASH referral, early help (the default 6 years), triaged 1 June 2024: kept.
 */
const NOW = new Date('2026-06-15T09:00:00Z');
let f: PanelFixture;
let a: SeededCase;
let b: SeededCase;
let linkedOnlyToA: number;
let nfaOld: number;
let nfaToday: number;
let earlyHelp: number;
let nfaOldPerson: number;
let screeningId: number;

/** Facts grouped by every dimension but the token: what the counts are made of. */
const factGroups = async () =>
  (
    await sql<{ row: string }>`SELECT concat_ws('|', kind, occurred_on::text, agency, panel_id, route, outcome,
      repeat::text, days_to_panel::text, age_band, sex, ethnicity_group, count(*)::text) AS row
      FROM panel_fact GROUP BY kind, occurred_on, agency, panel_id, route, outcome, repeat, days_to_panel,
      age_band, sex, ethnicity_group ORDER BY 1`.execute(f.db)
  ).rows.map((r) => r.row);

/** Everything retention may touch, as text, to show a dry run changes nothing. */
const snapshot = async () => {
  const tables = ['person', 'referral', 'panel_case', 'case_link', 'case_risk', 'case_preparation', 'case_action'];
  const out: string[] = [];
  for (const t of [...tables, 'panel_fact'])
    out.push(JSON.stringify((await sql`SELECT * FROM ${sql.table(t)} ORDER BY id`.execute(f.db)).rows));
  return out;
};

beforeAll(async () => {
  f = await createPanelFixture();
  const by = f.people.maceChair;
  const personB = await syntheticPerson(f.db, f.ring, 'Retention-B', by);
  const personA = await syntheticPerson(f.db, f.ring, 'Retention-A', by);
  linkedOnlyToA = await syntheticPerson(f.db, f.ring, 'Linked-A', by);
  b = await syntheticClosedCase(f.db, f.ring, by, {
    personId: personB,
    retainUntil: '2026-06-15',
    linkedPersonId: personA,
    agency: 'police',
  });
  a = await syntheticClosedCase(f.db, f.ring, by, {
    personId: personA,
    retainUntil: '2026-06-14',
    linkedPersonId: linkedOnlyToA,
    agency: 'health',
  });
  // A's link to B's person: B's person must stay (B keeps everything).
  await f.db
    .insertInto('case_link')
    .values({ case_id: a.caseId, person_id: personB, relationship: 'sibling', added_by: by.id })
    .execute();
  const mash = (label: string, triagedAt: string, decision: string) =>
    syntheticPerson(f.db, f.ring, label, by).then((personId) =>
      syntheticReferral(f.db, by, { personId, panelId: 'mash', triagedAt, decision, status: 'closed' }),
    );
  nfaOld = await mash('Nfa-Old', '2024-06-14T16:00:00Z', 'no-further-action');
  nfaToday = await mash('Nfa-Today', '2024-06-15T08:00:00Z', 'no-further-action');
  earlyHelp = await mash('Early-Help', '2024-06-01T08:00:00Z', 'early-help');
  nfaOldPerson = (
    await f.db.selectFrom('referral').select('person_id').where('id', '=', nfaOld).executeTakeFirstOrThrow()
  ).person_id as number;
  // The old referral came from a screening: its screening fact's token goes too.
  await f.db
    .insertInto('screening_tool')
    .values({ id: 'synthetic-tool', version: 1, title: 'SYNTHETIC', definition: '{}' })
    .execute();
  screeningId = (
    await f.db
      .insertInto('screening')
      .values({
        tool_id: 'synthetic-tool',
        tool_version: 1,
        agency: 'health',
        setting: 'school',
        completed_by: f.people.nurse.id,
        completed_by_email: f.people.nurse.email,
        answers: '{}',
        score: 9,
        level: 'high',
        reasons: '[]',
        recommended_route: 'mash',
        confirmed_route: 'mash',
        age_band: '10-15',
        sex: 'female',
        identified: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await f.db.updateTable('referral').set({ screening_id: screeningId }).where('id', '=', nfaOld).execute();
  await f.db
    .insertInto('panel_fact')
    .values({
      kind: 'screening',
      occurred_on: '2024-06-10',
      agency: 'health',
      route: 'mash',
      age_band: '10-15',
      sex: 'female',
      ethnicity_group: 'Black',
      source_token: sourceToken(f.ring, `screening:${screeningId}`),
    })
    .execute();
  await f.db
    .insertInto('panel_fact')
    .values({
      kind: 'triage',
      occurred_on: '2024-06-14',
      agency: 'health',
      panel_id: 'mash',
      outcome: 'no-further-action',
      age_band: '10-15',
      sex: 'female',
      ethnicity_group: 'Black',
      source_token: sourceToken(f.ring, `referral:${nfaOld}`),
    })
    .execute();
}, 60_000);
afterAll(() => f?.t.drop());

describe('panels retention', () => {
  it('a dry run lists what would go and changes nothing', async () => {
    const before = await snapshot();
    const run = await removeExpiredCases(f.db, f.panels, f.ring, { now: NOW, dryRun: true, actor: SYSTEM_ACTOR });
    expect(run.cases.map((c) => c.id)).toEqual([a.caseId]);
    expect(run.referrals.map((r) => [r.id, r.retainUntil])).toEqual([[nfaOld, '2026-06-14']]);
    // The person linked only to A and the old referral's person (A's person is still linked from B).
    expect(run.peopleRemoved).toBe(2);
    // A: referral, heard, outcome; the old MASH referral's triage fact and its screening's fact.
    expect(run.factsUnlinked).toBe(5);
    expect(await snapshot()).toEqual(before);
    const audits = await f.db.selectFrom('audit_log').select('id').where('action', '=', 'panels.retention').execute();
    expect(audits).toEqual([]);
  });

  it('removes the expired case and referral, keeps the one due today, and the counts stay equal', async () => {
    const countsBefore = await factGroups();
    const run = await removeExpiredCases(f.db, f.panels, f.ring, { now: NOW, dryRun: false, actor: SYSTEM_ACTOR });
    expect([run.cases.length, run.referrals.length, run.peopleRemoved, run.factsUnlinked]).toEqual([1, 1, 2, 5]);
    expect(await factGroups()).toEqual(countsBefore);

    const caseA = await f.db.selectFrom('panel_case').selectAll().where('id', '=', a.caseId).executeTakeFirstOrThrow();
    expect([caseA.person_id, caseA.summary, caseA.outcome, caseA.personal_removed_at?.toISOString()]).toEqual([
      null,
      null,
      'risk-reduced',
      NOW.toISOString(),
    ]);
    const perCase = async (table: 'case_preparation' | 'case_risk' | 'case_link', id: number) =>
      (await f.db.selectFrom(table).select('id').where('case_id', '=', id).execute()).length;
    expect([await perCase('case_preparation', a.caseId), await perCase('case_risk', a.caseId)]).toEqual([0, 0]);
    expect(await perCase('case_link', a.caseId)).toBe(0);
    const actions = await f.db.selectFrom('case_action').select(['case_id', 'text']).orderBy('case_id').execute();
    expect(actions.find((x) => x.case_id === a.caseId)?.text).toBe(REMOVED_TEXT);
    const refA = await f.db.selectFrom('referral').selectAll().where('id', '=', a.referralId).executeTakeFirstOrThrow();
    expect([refA.person_id, refA.reason, refA.triage_reason, refA.consent_reason]).toEqual([
      null,
      null,
      null,
      REMOVED_TEXT,
    ]);
    const people = (await f.db.selectFrom('person').select('id').execute()).map((p) => p.id);
    expect(people).toContain(a.personId);
    expect(people).not.toContain(linkedOnlyToA);
    expect(people).not.toContain(nfaOldPerson);
    expect(people).toContain(b.personId);
    // The facts of A and the old referral have no token; B's keep theirs.
    const tokenOf = async (source: string) =>
      (
        await f.db
          .selectFrom('panel_fact')
          .select('id')
          .where('source_token', '=', sourceToken(f.ring, source))
          .execute()
      ).length;
    expect([await tokenOf(`case:${a.caseId}`), await tokenOf(`referral:${a.referralId}`)]).toEqual([0, 0]);
    expect([await tokenOf(`referral:${nfaOld}`), await tokenOf(`screening:${screeningId}`)]).toEqual([0, 0]);
    expect([await tokenOf(`case:${b.caseId}`), await tokenOf(`referral:${b.referralId}`)]).toEqual([2, 1]);
  });

  it('leaves the case due today, the referral due today and the early-help referral as they were', async () => {
    const caseB = await f.db.selectFrom('panel_case').selectAll().where('id', '=', b.caseId).executeTakeFirstOrThrow();
    expect([caseB.person_id, caseB.summary, caseB.personal_removed_at]).toEqual([
      b.personId,
      'SYNTHETIC case summary',
      null,
    ]);
    for (const table of ['case_preparation', 'case_risk', 'case_link'] as const)
      expect((await f.db.selectFrom(table).select('id').where('case_id', '=', b.caseId).execute()).length).toBe(1);
    const kept = await f.db
      .selectFrom('referral')
      .select(['id', 'reason'])
      .where('id', 'in', [b.referralId, nfaToday, earlyHelp])
      .where('person_id', 'is not', null)
      .execute();
    expect(kept.map((r) => r.reason)).toEqual(Array(3).fill('SYNTHETIC reason for referral'));
  });

  it('audits the run with counts only, and a second run finds nothing', async () => {
    const audits = await f.db.selectFrom('audit_log').selectAll().where('action', '=', 'panels.retention').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actor_email).toBe('system');
    expect(JSON.parse(String(audits[0]?.details))).toEqual({
      cases: 1,
      factsUnlinked: 5,
      people: 2,
      referrals: 1,
      today: '2026-06-15',
    });
    // With nothing expired the key file is not even opened (serve starts without one on a new machine).
    const noKeys = async () => Promise.reject(new Error('the key file was opened'));
    const again = await removeExpiredCases(f.db, f.panels, noKeys, { now: NOW, dryRun: false, actor: SYSTEM_ACTOR });
    expect([again.cases.length, again.referrals.length, again.peopleRemoved, again.factsUnlinked]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
