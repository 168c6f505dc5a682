import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PanelFixture, createPanelFixture } from '../testing/panelTestDb.ts';
import { createReferral } from './referralStore.ts';
import { isOverdue, monthsBefore } from './referralTimes.ts';
import { type TriageInputError, TriageNotFoundError, triageReferral } from './triage.ts';

/* Triage on a real database (both engines), with hand times. Every person is SYNTHETIC. */

let f: PanelFixture;
beforeAll(async () => {
  f = await createPanelFixture();
}, 120_000);
afterAll(async () => f?.t.drop());

const NOW = new Date('2026-03-15T10:00:00Z');
const LATER = new Date('2026-03-15T15:00:00Z');
/** A MASH referral of a 14-year-old (born 2011-06-01). */
const toMash = (family: string) =>
  createReferral(
    f.db,
    f.ring,
    f.people.nurse,
    {
      panelId: 'mash',
      givenName: 'Synthetic',
      familyName: family,
      dateOfBirth: '2011-06-01',
      sex: 'male',
      lawfulBasis: 'public-task',
      consent: 'given',
      reason: 'SYNTHETIC: screening recommended the MASH',
    },
    NOW,
  );
const rowsOf = async () => ({
  cases: (await f.db.selectFrom('panel_case').select('id').execute()).length,
  facts: (await f.db.selectFrom('panel_fact').select('id').where('kind', '=', 'triage').execute()).length,
});

describe('triageReferral', () => {
  it('refuses anyone not on the referral’s panel as not found, and writes nothing', async () => {
    const r = await toMash('Person-Refused');
    const before = await rowsOf();
    for (const who of [f.people.councilOutsider, f.people.nurse, f.people.maceChair, f.people.admin]) {
      const e = await triageReferral(f.db, f.ring, who, r.id, { decision: 'early-help' }, LATER).catch((x) => x);
      expect(e).toBeInstanceOf(TriageNotFoundError);
    }
    const missing = await triageReferral(f.db, f.ring, f.people.mashWorker, 999_999, {}, LATER).catch((x) => x);
    expect(missing).toBeInstanceOf(TriageNotFoundError);
    expect(await rowsOf()).toEqual(before);
    const row = await f.db.selectFrom('referral').select('status').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('awaiting-triage');
  });

  it('lets the MASH open a case in MACE: case, status, fact and audit', async () => {
    const r = await toMash('Person-Mace');
    const before = await rowsOf();
    const done = await triageReferral(
      f.db,
      f.ring,
      f.people.mashWorker,
      r.id,
      { decision: 'open-case', casePanelId: 'mace', reason: 'SYNTHETIC: CCE indicators' },
      LATER,
    );
    expect(done.decision).toBe('case:mace');
    expect(done.status).toBe('sent-to-panel');
    expect(done.caseReference).toMatch(/^C-/);
    expect(await rowsOf()).toEqual({ cases: before.cases + 1, facts: before.facts + 1 });
    const c = await f.db
      .selectFrom('panel_case')
      .selectAll()
      .where('id', '=', done.caseId as number)
      .executeTakeFirstOrThrow();
    expect([c.panel_id, c.status, c.referral_id, c.person_id]).toEqual(['mace', 'open', r.id, r.personId]);
    const row = await f.db.selectFrom('referral').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect([row.status, row.triaged_by, row.triage_decision]).toEqual([
      'sent-to-panel',
      f.people.mashWorker.id,
      'case:mace',
    ]);
    expect(new Date(row.triaged_at as Date).toISOString()).toBe('2026-03-15T15:00:00.000Z');
    const fact = await f.db
      .selectFrom('panel_fact')
      .selectAll()
      .where('kind', '=', 'triage')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // Born 2011-06-01: 14 on 2026-03-15.
    expect([fact.route, fact.panel_id, fact.agency, fact.age_band]).toEqual(['case:mace', 'mash', 'health', '14-15']);
    const audits = await f.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['case.open', 'referral.triage'])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['case.open', 'referral.triage']);
    // Once only.
    const again = await triageReferral(
      f.db,
      f.ring,
      f.people.mashWorker,
      r.id,
      { decision: 'early-help' },
      LATER,
    ).catch((x) => x);
    expect((again as TriageInputError).problems[0]?.message).toBe('This referral has been triaged already');
  });

  it('refuses a case in the MASH, in no panel or a panel outside the person’s age; no further action needs a reason', async () => {
    const r = await toMash('Person-Choices');
    const before = await rowsOf();
    const tryIt = async (decision: Record<string, unknown>) =>
      (
        (await triageReferral(f.db, f.ring, f.people.mashWorker, r.id, decision, LATER).catch(
          (x) => x,
        )) as TriageInputError
      ).problems;
    expect(await tryIt({ decision: 'open-case', casePanelId: 'mash' })).toEqual([
      { field: 'casePanelId', message: 'Choose the panel the case opens in' },
    ]);
    expect(await tryIt({ decision: 'open-case' })).toEqual([
      { field: 'casePanelId', message: 'Choose the panel the case opens in' },
    ]);
    expect(await tryIt({ decision: 'open-case', casePanelId: 'iom' })).toEqual([
      { field: 'casePanelId', message: 'The person is 14; IOM takes ages 18 to 120' },
    ]);
    expect(await tryIt({ decision: 'no-further-action' })).toEqual([
      { field: 'reason', message: 'Say why no further action is needed' },
    ]);
    expect((await tryIt({}))[0]?.field).toBe('decision');
    expect(await rowsOf()).toEqual(before);
    const nfa = await triageReferral(
      f.db,
      f.ring,
      f.people.mashWorker,
      r.id,
      { decision: 'no-further-action', reason: 'SYNTHETIC: known to services' },
      LATER,
    );
    expect([nfa.decision, nfa.status, nfa.caseId]).toEqual(['no-further-action', 'closed', null]);
  });

  it('a referral to a panel where a case is open for the same person is a repeat of the referral that opened it', async () => {
    const first = await toMash('Person-Returning');
    await triageReferral(
      f.db,
      f.ring,
      f.people.mashWorker,
      first.id,
      { decision: 'open-case', casePanelId: 'mace' },
      LATER,
    );
    const direct = await createReferral(
      f.db,
      f.ring,
      f.people.macePolice,
      {
        panelId: 'mace',
        givenName: 'Synthetic',
        familyName: 'Person-Returning',
        dateOfBirth: '2011-06-01',
        sex: 'male',
        lawfulBasis: 'public-task',
        consent: 'given',
        grounds: ['cce'],
      },
      new Date('2026-04-01T09:00:00Z'),
    );
    expect(direct.repeatOf).toBe(first.id);
  });

  it('a panel referred to directly opens its own case', async () => {
    const r = await createReferral(
      f.db,
      f.ring,
      f.people.nurse,
      {
        panelId: 'marac',
        givenName: 'Synthetic',
        familyName: 'Person-Direct',
        dateOfBirth: '1990-05-05',
        sex: 'female',
        lawfulBasis: 'public-task',
        consent: 'given',
        grounds: ['dash'],
        dashScore: '15',
      },
      NOW,
    );
    expect(
      await triageReferral(f.db, f.ring, f.people.mashWorker, r.id, { decision: 'early-help' }, LATER).catch((x) => x),
    ).toBeInstanceOf(TriageNotFoundError);
    const done = await triageReferral(
      f.db,
      f.ring,
      f.people.maracCoordinator,
      r.id,
      { decision: 'open-case', casePanelId: 'mace' },
      LATER,
    );
    expect(done.decision).toBe('case:marac');
  });
});

describe('isOverdue and monthsBefore', () => {
  const due = '2026-03-16T10:00:00.000Z';
  it('is overdue only while awaiting triage after its due time', () => {
    expect(isOverdue({ status: 'awaiting-triage', triage_due_at: due }, new Date('2026-03-16T10:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'awaiting-triage', triage_due_at: due }, new Date('2026-03-16T10:00:01Z'))).toBe(true);
    expect(isOverdue({ status: 'triaged', triage_due_at: due }, new Date('2026-04-01T00:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'awaiting-triage', triage_due_at: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
  it('counts calendar months back, clamping to the month’s last day', () => {
    expect(monthsBefore(new Date('2026-03-15T10:00:00Z'), 12).toISOString()).toBe('2025-03-15T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 13).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-10T00:00:00Z'), 1).toISOString()).toBe('2025-12-10T00:00:00.000Z');
  });
});
