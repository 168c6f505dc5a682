import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/policy.ts';
import { insertPerson } from '../people/person.ts';
import { createPanelFixture, type PanelFixture, type PanelPerson } from '../testing/panelTestDb.ts';
import { BreakGlassError, breakGlass, caseAccess, readableCases, referralAccess } from './caseAccess.ts';

/*
 * Need to know, worked out by hand: one SYNTHETIC MACE case referred by the nurse through the MASH, allocated to
 * the council's children's social worker on MACE. Who reads it, and by which right, is written out below and
 * checked against both the one-case rule and the SQL rule lists use.
 */

let f: PanelFixture;
let caseId: number;
let referralId: number;
const NOW = new Date('2026-11-20T10:00:00Z');

beforeAll(async () => {
  f = await createPanelFixture();
  const person = await insertPerson(
    f.db,
    f.ring,
    {
      givenName: 'Synthetic',
      familyName: 'Person-One',
      dateOfBirth: '2011-05-01',
      sex: 'male',
      special: { ethnicity: 'not-stated' },
    },
    f.people.nurse.id,
  );
  const referral = await f.db
    .insertInto('referral')
    .values({
      reference: 'R-TEST-0001',
      person_id: person.id,
      panel_id: 'mash',
      referrer_id: f.people.nurse.id,
      referrer_agency: 'health',
      reason: 'SYNTHETIC: screening recommended a MASH referral',
      lawful_basis: 'public-task',
      consent: 'not-sought',
      consent_reason: 'Seeking consent would place the child at risk',
      status: 'sent-to-panel',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  referralId = referral.id;
  const c = await f.db
    .insertInto('panel_case')
    .values({
      reference: 'C-TEST-0001',
      panel_id: 'mace',
      person_id: person.id,
      referral_id: referral.id,
      status: 'open',
      allocated_to: f.people.maceChildren.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  caseId = c.id;
});
afterAll(() => f.t.drop());

const listed = async (actor: Actor): Promise<boolean> =>
  (await f.db.selectFrom('panel_case as c').select('c.id').where(readableCases(actor, NOW)).execute()).some(
    (r) => r.id === caseId,
  );

describe('who reads a MACE case', () => {
  const expected: Record<PanelPerson, string | null> = {
    nurse: 'referrer',
    mashWorker: null, // triaged the referral, but is not on MACE
    maceChair: 'member',
    macePolice: 'member',
    maceChildren: 'member', // a member and the allocated worker: membership is reported first
    councilOutsider: null, // same agency as two members
    maracCoordinator: null,
    maracChair: null,
    viewer: null,
    manager: null, // a partnership manager is not a member
    admin: null,
  };

  it.each(Object.entries(expected))('%s: %s', async (name, via) => {
    const actor = f.people[name as PanelPerson];
    expect((await caseAccess(f.db, actor, caseId, NOW))?.via ?? null).toBe(via);
    expect(await listed(actor)).toBe(via !== null);
  });

  it('a member who has left reads nothing from the day after', async () => {
    await f.db
      .updateTable('panel_member')
      .set({ left_on: '2026-11-20' })
      .where('user_id', '=', f.people.macePolice.id)
      .execute();
    expect(await caseAccess(f.db, f.people.macePolice, caseId, NOW)).toBeNull();
    expect(await listed(f.people.macePolice)).toBe(false);
    expect((await caseAccess(f.db, f.people.macePolice, caseId, new Date('2026-11-19T12:00:00Z')))?.via).toBe('member');
    await f.db
      .updateTable('panel_member')
      .set({ left_on: null })
      .where('user_id', '=', f.people.macePolice.id)
      .execute();
  });

  it('the allocated worker reads it when not a member', async () => {
    await f.db
      .updateTable('panel_case')
      .set({ allocated_to: f.people.councilOutsider.id })
      .where('id', '=', caseId)
      .execute();
    expect((await caseAccess(f.db, f.people.councilOutsider, caseId, NOW))?.via).toBe('allocated');
    expect(await listed(f.people.councilOutsider)).toBe(true);
    await f.db
      .updateTable('panel_case')
      .set({ allocated_to: f.people.maceChildren.id })
      .where('id', '=', caseId)
      .execute();
  });

  it('a case that does not exist and one not seen answer the same', async () => {
    expect(await caseAccess(f.db, f.people.viewer, 999_999, NOW)).toBeNull();
    expect(await caseAccess(f.db, f.people.viewer, caseId, NOW)).toBeNull();
  });
});

describe('breaking glass', () => {
  it('refuses a short reason and an unknown case, writing nothing', async () => {
    await expect(breakGlass(f.db, f.people.admin, caseId, 'need it', NOW)).rejects.toThrow(BreakGlassError);
    await expect(breakGlass(f.db, f.people.admin, 999_999, 'urgent safeguarding concern', NOW)).rejects.toThrow(
      /not found/,
    );
    expect(await f.db.selectFrom('case_read_grant').select('id').execute()).toHaveLength(0);
  });

  it('grants eight hours, audited with the reason, and the grant cannot be deleted', async () => {
    const { expiresAt } = await breakGlass(
      f.db,
      f.people.admin,
      caseId,
      'Police called about an immediate risk tonight',
      NOW,
    );
    expect(expiresAt.toISOString()).toBe('2026-11-20T18:00:00.000Z');
    expect((await caseAccess(f.db, f.people.admin, caseId, NOW))?.via).toBe('break-glass');
    expect(await listed(f.people.admin)).toBe(true);
    expect(await caseAccess(f.db, f.people.admin, caseId, new Date('2026-11-20T18:00:01Z'))).toBeNull();
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['actor_email', 'details'])
      .where('action', '=', 'case.break-glass')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_email).toBe('admin@synthetic.test');
    expect(JSON.stringify(audit[0]!.details)).toContain('immediate risk tonight');
    await expect(f.db.deleteFrom('case_read_grant').execute()).rejects.toThrow(/keeps its history/);
  });
});

describe('a referral', () => {
  it('is read by its referrer, the MASH it went to, and the case’s readers', async () => {
    const reads = async (p: PanelPerson) => referralAccess(f.db, f.people[p], referralId, NOW);
    expect(await reads('nurse')).toBe(true);
    expect(await reads('mashWorker')).toBe(true);
    expect(await reads('maceChair')).toBe(true);
    expect(await reads('councilOutsider')).toBe(false);
    expect(await reads('maracChair')).toBe(false);
    expect(await referralAccess(f.db, f.people.nurse, 999_999, NOW)).toBe(false);
  });
});
