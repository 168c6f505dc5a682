import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../demo/demoUsers.ts';
import { createHarness, type Harness } from '../../http/testing/appHarness.ts';
import { seedDemoPanels } from './demoPanels.ts';

/*
 * The demo's panels through the real app, with the app's own key file: the MACE chair (the partnership manager)
 * sees her cases and opens one, its person's name opened with the app's key; the school nurse (health, on no
 * panel) opens a MACE case she referred and gets "not found" for one the council referred.
 */
let h: Harness;
const NOW = new Date();

const caseReferredBy = async (email: string) => {
  const row = await h.t.database.db
    .selectFrom('panel_case as c')
    .innerJoin('referral as r', 'r.id', 'c.referral_id')
    .innerJoin('app_user as u', 'u.id', 'r.referrer_id')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.id', 'p.family_name'])
    .where('c.panel_id', '=', 'mace')
    .where('c.status', '=', 'open')
    .where('u.email', '=', email)
    .orderBy('c.id')
    .executeTakeFirstOrThrow();
  return row;
};

beforeAll(async () => {
  h = await createHarness();
  for (const u of DEMO_USERS) await h.addUser(u.email, u.agency, u.role);
  await seedDemoPanels(h.t.database.db, await h.services.caseKeys(), NOW);
}, 120_000);
afterAll(async () => h?.close());

describe('the demo panels in the app', () => {
  it('shows the MACE chair her open cases and a case with its SYNTHETIC person', async () => {
    const chair = await h.signIn('manager@council.demo');
    const mine = await chair.get('/my-cases');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Synthetic');
    const c = await caseReferredBy('analyst@health.demo');
    const page = await chair.get(`/cases/${c.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('OFFICIAL-SENSITIVE');
    expect(page.body).toContain(c.family_name);
  });

  it('lets the school nurse open what she referred and nothing else', async () => {
    const nurse = await h.signIn('analyst@health.demo');
    const hers = await caseReferredBy('analyst@health.demo');
    expect((await nurse.get(`/cases/${hers.id}`)).statusCode).toBe(200);
    const other = await caseReferredBy('analyst@council.demo');
    expect((await nurse.get(`/cases/${other.id}`)).statusCode).toBe(404);
  });
});
