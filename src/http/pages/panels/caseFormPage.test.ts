import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../auth/policy.ts';
import { seedCase } from '../../../panels/cases/testing/caseTestData.ts';
import type { PanelPerson } from '../../../panels/testing/panelTestDb.ts';
import { signInPanelPeople } from '../../../panels/testing/signInPanelPeople.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * A change to a case on a page of its own (caseFormPage.ts): who gets which form page, what a form sent back with an
 * error shows, and that the case page itself carries links, not forms. SYNTHETIC people and case; the expected
 * texts are the panel definition's (panels/mace.json) and the field rules' (src/panels/cases/caseDetails.ts).
 */

let h: Harness;
let people: Record<PanelPerson, Actor>;
let as: Record<'nurse' | 'maceChair' | 'macePolice' | 'councilOutsider', Browser>;
let caseId: number;

beforeAll(async () => {
  h = await createHarness();
  ({ people, as } = await signInPanelPeople(h, ['nurse', 'maceChair', 'macePolice', 'councilOutsider']));
  ({ caseId } = await seedCase(h.t.database.db, await h.services.caseKeys(), {
    panelId: 'mace',
    referrer: people.nurse,
    givenName: 'Synthetic Form',
    openedAt: new Date(Date.now() - 86_400_000),
  }));
}, 300_000);
afterAll(async () => h?.close());

const risks = async () =>
  (await h.t.database.db.selectFrom('case_risk').select('id').where('case_id', '=', caseId).execute()).length;

describe('case form pages', () => {
  it('the case page links to each change and carries no form but the actions’ status', async () => {
    const page = await as.maceChair.get(`/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    for (const form of ['risk', 'person', 'location', 'preparation', 'action', 'outcome', 'close'])
      expect(page.body).toContain(`href="/cases/${caseId}/change/${form}"`);
    expect(page.body).not.toContain(`action="/cases/${caseId}/risks"`);
    expect(page.body).not.toContain(`action="/cases/${caseId}/close"`);
    // A member who is not chair or coordinator gets no outcome or closure links.
    const member = await as.macePolice.get(`/cases/${caseId}`);
    expect(member.body).toContain(`href="/cases/${caseId}/change/risk"`);
    expect(member.body).not.toContain(`href="/cases/${caseId}/change/close"`);
  });

  it('a member gets the form on its own page, and showing it is an audited read of the case', async () => {
    const before = (await auditEntries(h, 'case.read')).filter((a) => a.subject_id === String(caseId)).length;
    const page = await as.macePolice.get(`/cases/${caseId}/change/risk`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Record a risk</h1>');
    expect(page.body).toContain(`action="/cases/${caseId}/risks"`);
    expect(page.body).toContain(`href="/cases/${caseId}"`);
    expect(page.body).not.toContain('Synthetic Form'); // the person is on the case page, not on a form page
    const after = (await auditEntries(h, 'case.read')).filter((a) => a.subject_id === String(caseId)).length;
    expect(after).toBe(before + 1);
  });

  it('the outcome and closure pages are the chair’s and coordinator’s: 403 to another member', async () => {
    expect((await as.macePolice.get(`/cases/${caseId}/change/outcome`)).statusCode).toBe(403);
    expect((await as.macePolice.get(`/cases/${caseId}/change/close`)).statusCode).toBe(403);
    const outcome = await as.maceChair.get(`/cases/${caseId}/change/outcome`);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.body).toContain('value="risk-reduced"');
  });

  it('the referrer may read the case but not change it (403); an outsider gets "not found", as for no case', async () => {
    expect((await as.nurse.get(`/cases/${caseId}/change/risk`)).statusCode).toBe(403);
    const outsider = await as.councilOutsider.get(`/cases/${caseId}/change/risk`);
    const none = await as.councilOutsider.get('/cases/999999/change/risk');
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).toBe(none.body);
    expect((await as.maceChair.get(`/cases/${caseId}/change/nonsense`)).statusCode).toBe(404);
  });

  it('a form sent back with an error comes back on its page with the error linked to its field; nothing saved', async () => {
    const sent = await as.macePolice.post(`/cases/${caseId}/risks`, { risk: 'SYNTHETIC: carrying for others' });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('<h1 class="govuk-heading-l">Record a risk</h1>');
    expect(sent.body).toContain('There is a problem');
    expect(sent.body).toContain('href="#risk-level"');
    expect(sent.body).toContain('Choose low, medium or high');
    expect(sent.body).toContain('value="SYNTHETIC: carrying for others"');
    expect(await risks()).toBe(0);
  });

  it('only the location form offers the locations of concern, the submitted ones, newest first', async () => {
    const entry = (reference: string, place: string, status: 'submitted' | 'draft') => ({
      register_id: 'locations-of-concern',
      definition_version: 1,
      status,
      reference,
      owner_agency: 'police',
      occurred_on: '2026-01-10',
      lon: null,
      lat: null,
      lsoa_code: null,
      ward_code: null,
      data: JSON.stringify({ place, place_type: 'park' }),
      personal: null,
      search_text: place.toLowerCase(),
      created_by: people.macePolice.id,
      created_by_email: people.macePolice.email,
    });
    await h.t.database.db
      .insertInto('register_entry')
      .values([
        entry('LC-T-1', 'SYNTHETIC Older Park', 'submitted'),
        entry('LC-T-2', 'SYNTHETIC Newer Estate', 'submitted'),
        entry('LC-T-3', 'SYNTHETIC Draft Hotel', 'draft'),
      ])
      .execute();
    const location = (await as.macePolice.get(`/cases/${caseId}/change/location`)).body;
    const older = location.indexOf('LC-T-1: SYNTHETIC Older Park');
    const newer = location.indexOf('LC-T-2: SYNTHETIC Newer Estate');
    expect(newer).toBeGreaterThan(-1);
    expect(older).toBeGreaterThan(newer);
    expect(location).not.toContain('SYNTHETIC Draft Hotel');
    // Other forms neither list them nor say the register is closed to the reader.
    const risk = (await as.macePolice.get(`/cases/${caseId}/change/risk`)).body;
    expect(risk).not.toContain('SYNTHETIC Newer Estate');
    expect(risk).not.toContain('You may not read the register of locations of concern');
  });

  it('a closed case has no form pages (403), and its page no change links', async () => {
    const closed = await as.maceChair.post(`/cases/${caseId}/close`, { reason: 'risk-reduced' });
    expect(closed.statusCode).toBe(303);
    expect((await as.maceChair.get(`/cases/${caseId}/change/risk`)).statusCode).toBe(403);
    expect((await as.maceChair.get(`/cases/${caseId}`)).body).not.toContain('/change/');
  });
});
