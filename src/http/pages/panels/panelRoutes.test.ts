import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../auth/policy.ts';
import { breakGlass } from '../../../panels/access/caseAccess.ts';
import { seedCase } from '../../../panels/cases/testing/caseTestData.ts';
import type { PanelPerson } from '../../../panels/testing/panelTestDb.ts';
import { signInPanelPeople } from '../../../panels/testing/signInPanelPeople.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The panel and case pages through the real app, with the SYNTHETIC panel people (src/panels/testing/panelTestDb.ts)
 * and a SYNTHETIC MACE case referred by the school nurse. Expected values are the fixture's, worked out by hand.
 */

let h: Harness;
let people: Record<PanelPerson, Actor>;
const as = {} as Record<PanelPerson, Browser>;
let caseId: number;
let caseRef: string;

const caseReads = async () =>
  (await auditEntries(h, 'case.read')).filter((a) => a.subject_id === String(caseId)).length;

beforeAll(async () => {
  h = await createHarness();
  const db = h.t.database.db;
  const signedIn = await signInPanelPeople(h, [
    'nurse',
    'maceChair',
    'macePolice',
    'maceChildren',
    'councilOutsider',
    'manager',
    'admin',
  ]);
  people = signedIn.people;
  Object.assign(as, signedIn.as);
  const seeded = await seedCase(db, await h.services.caseKeys(), {
    panelId: 'mace',
    referrer: people.nurse,
    givenName: 'Synthetic Ayo',
    openedAt: new Date(Date.now() - 3 * 86_400_000),
  });
  caseId = seeded.caseId;
  caseRef = seeded.reference;
}, 300_000);
afterAll(async () => h?.close());

describe('panel pages', () => {
  it('lists every panel with its terms and criteria, marking the ones I sit on', async () => {
    const res = await as.maceChair.get('/panels');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/panels/marac">Multi-Agency Risk Assessment Conference (MARAC)</a>');
    expect(res.body).toContain('Visible high risk: DASH risk score of 14 or more');
    expect(res.body.match(/You sit on this panel/g)).toHaveLength(1);
    expect(res.body).toContain('You sit on this panel (chair)');
  });

  it('a partnership manager adds a member; an administrator is refused naming the field; leaving is recorded', async () => {
    const page = await as.manager.get('/panels/mace');
    expect(page.body).toContain('action="/panels/mace/members"');
    expect((await as.macePolice.get('/panels/mace')).body).not.toContain('action="/panels/mace/members"');
    const refused = await as.manager.post('/panels/mace/members', { userId: String(people.admin.id), role: 'member' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Administrators cannot be panel members');
    expect(refused.body).toContain('href="#userId"');
    const added = await as.manager.post('/panels/mace/members', { userId: String(people.viewer.id), role: 'member' });
    expect(added.statusCode).toBe(303);
    const row = await h.t.database.db
      .selectFrom('panel_member')
      .select(['id', 'agency'])
      .where('user_id', '=', people.viewer.id)
      .executeTakeFirstOrThrow();
    expect(row.agency).toBe('police');
    expect((await as.macePolice.post(`/panels/mace/members/${row.id}/leave`)).statusCode).toBe(404);
    expect((await as.maceChair.post(`/panels/mace/members/${row.id}/leave`)).statusCode).toBe(303);
    const left = await h.t.database.db
      .selectFrom('panel_member')
      .select('left_on')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(left.left_on).not.toBeNull();
  });

  it('the chair arranges a meeting; members see and build its agenda, which links to the case; others get 404', async () => {
    const bad = await as.maceChair.post('/panels/mace/meetings', {
      'meetsOn-day': '31',
      'meetsOn-month': '2',
      'meetsOn-year': '2027',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the date of the meeting');
    expect(bad.body).toContain('href="#meetsOn-day"');
    const made = await as.maceChair.post('/panels/mace/meetings', {
      'meetsOn-day': '14',
      'meetsOn-month': '1',
      'meetsOn-year': '2027',
    });
    expect(made.statusCode).toBe(303);
    const meeting = await h.t.database.db
      .selectFrom('panel_meeting')
      .select('id')
      .where('meets_on', '=', '2027-01-14')
      .executeTakeFirstOrThrow();
    const url = `/panels/mace/meetings/${meeting.id}`;
    expect((await as.councilOutsider.get(url)).statusCode).toBe(404);
    expect((await as.councilOutsider.post(`${url}/agenda`)).statusCode).toBe(404);
    const built = await as.macePolice.post(`${url}/agenda`);
    expect(built.statusCode).toBe(303);
    const agenda = await as.macePolice.get(url);
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).toContain('OFFICIAL-SENSITIVE');
    expect(agenda.body).toContain(`href="/cases/${caseId}">${caseRef}</a>`);
    expect(agenda.body).toContain('New referral');
  });
});

describe('case pages', () => {
  it('every view of a case page leaves exactly one case.read row, with the right it was read by', async () => {
    const before = await caseReads();
    const res = await as.macePolice.get(`/cases/${caseId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('OFFICIAL-SENSITIVE');
    expect(res.body).toContain('Synthetic Ayo Testperson');
    expect(res.body).toContain('SYNTHETIC asthma');
    expect(res.body).toContain('Public task');
    expect(res.body).toContain('Consent not sought: SYNTHETIC: seeking consent would increase the risk');
    await as.nurse.get(`/cases/${caseId}`);
    expect(await caseReads()).toBe(before + 2);
    const last = (await auditEntries(h, 'case.read')).at(-1);
    expect(last?.actor_email).toBe('nurse@synthetic.test');
    expect(JSON.stringify(last?.details)).toContain('referrer');
  });

  it('refuses an outsider of the same agency and an administrator with 404 offering break glass; my cases lists nothing', async () => {
    const before = await caseReads();
    for (const who of ['councilOutsider', 'admin', 'manager'] as const) {
      const res = await as[who].get(`/cases/${caseId}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(caseRef);
      expect(res.body).toContain('href="/cases/break-glass"');
    }
    expect((await as.councilOutsider.get('/cases/999999')).statusCode).toBe(404);
    expect((await as.councilOutsider.get('/cases/99999999999')).statusCode).toBe(404);
    expect((await as.maceChair.post('/cases/99999999999/risks', { risk: 'x', level: 'low' })).statusCode).toBe(400);
    expect(await caseReads()).toBe(before);
    const mine = await as.councilOutsider.get('/my-cases');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain(caseRef);
    expect(mine.body).toContain('You have no open cases.');
    expect((await as.nurse.get('/my-cases')).body).toContain(`href="/cases/${caseId}">${caseRef}</a>`);
    expect((await as.maceChildren.get('/my-cases')).body).toContain(caseRef);
  });

  it('after breaking glass the outsider reads the page (audited as break glass) but my cases still does not list it', async () => {
    const other = await seedCase(h.t.database.db, await h.services.caseKeys(), {
      panelId: 'mace',
      referrer: people.nurse,
    });
    await breakGlass(
      h.t.database.db,
      people.councilOutsider,
      other.caseId,
      'SYNTHETIC: urgent strategy discussion',
      new Date(),
    );
    const res = await as.councilOutsider.get(`/cases/${other.caseId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('someone who broke glass');
    expect(res.body).not.toContain('Preparation by agency');
    const last = (await auditEntries(h, 'case.read')).at(-1);
    expect([last?.subject_id, last?.actor_email]).toEqual([String(other.caseId), 'councilOutsider@synthetic.test']);
    expect(JSON.stringify(last?.details)).toContain('break-glass');
    expect((await as.councilOutsider.get('/my-cases')).body).not.toContain(other.reference);
  });

  it('preparation is recorded sealed and shown to members only, not to the referrer', async () => {
    const meeting = await h.t.database.db
      .selectFrom('panel_meeting')
      .select('id')
      .where('meets_on', '=', '2027-01-14')
      .executeTakeFirstOrThrow();
    const text = 'SYNTHETIC police intelligence: seen at the station';
    const res = await as.macePolice.post(`/cases/${caseId}/preparation`, {
      meetingId: String(meeting.id),
      content: text,
    });
    expect(res.statusCode).toBe(303);
    const raw = await sql<{ content_enc: string }>`SELECT content_enc FROM case_preparation`.execute(h.t.database.db);
    expect(raw.rows.map((r) => r.content_enc.includes('station'))).toEqual([false]);
    expect((await as.maceChildren.get(`/cases/${caseId}`)).body).toContain(text);
    const referrer = (await as.nurse.get(`/cases/${caseId}`)).body;
    expect(referrer).not.toContain(text);
    expect(referrer).not.toContain('Preparation by agency');
    // Special category fields are for panel members only.
    expect(referrer).not.toContain('SYNTHETIC asthma');
    expect(referrer).toContain('Synthetic Ayo Testperson');
    expect(
      (await as.nurse.post(`/cases/${caseId}/preparation`, { meetingId: String(meeting.id), content: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await as.councilOutsider.post(`/cases/${caseId}/preparation`, { meetingId: String(meeting.id), content: 'x' }))
        .statusCode,
    ).toBe(404);
  });

  it('an action without an owner is refused naming the field and writes nothing; then added with its owner', async () => {
    const count = async () =>
      Number(
        (
          await h.t.database.db
            .selectFrom('case_action')
            .select(sql<string>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const bad = await as.maceChair.post(`/cases/${caseId}/actions`, {
      text: 'SYNTHETIC mentoring',
      'dueOn-day': '1',
      'dueOn-month': '2',
      'dueOn-year': '2027',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#action-ownerId"');
    expect(await count()).toBe(0);
    const ok = await as.maceChair.post(`/cases/${caseId}/actions`, {
      text: 'SYNTHETIC mentoring',
      ownerId: String(people.maceChildren.id),
      'dueOn-day': '1',
      'dueOn-month': '2',
      'dueOn-year': '2027',
    });
    expect(ok.statusCode).toBe(303);
    expect((await as.maceChildren.get('/my-cases')).body).toContain('SYNTHETIC mentoring (due 2027-02-01)');
  });

  it('only the chair records the outcome and closes; the closed case shows its reason and retention date', async () => {
    const meeting = await h.t.database.db
      .selectFrom('panel_meeting')
      .select('id')
      .where('meets_on', '=', '2027-01-14')
      .executeTakeFirstOrThrow();
    const form = { meetingId: String(meeting.id), outcome: 'risk-reduced', escalated: 'no' };
    expect((await as.macePolice.post(`/cases/${caseId}/outcome`, form)).statusCode).toBe(403);
    expect((await as.maceChair.post(`/cases/${caseId}/outcome`, form)).statusCode).toBe(303);
    const page = (await as.maceChair.get(`/cases/${caseId}`)).body;
    // MACE reviews 56 days after the hearing: 2027-01-14 + 56 = 2027-03-11.
    expect(page).toContain('2027-03-11');
    expect(page).toContain('Risk reduced');
    const noReason = await as.maceChair.post(`/cases/${caseId}/close`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#close-reason"');
    expect((await as.maceChildren.get('/my-cases')).body).toContain('SYNTHETIC mentoring (due 2027-02-01)');
    const closing = await as.maceChair.post(`/cases/${caseId}/close`, { reason: 'risk-reduced' });
    expect(closing.statusCode).toBe(303);
    // The one open action (SYNTHETIC mentoring, added above) closed with the case, and left its owner's list.
    expect(closing.headers.location).toBe(`/cases/${caseId}?done=closed&actions=1`);
    const banner = (await as.maceChair.get(closing.headers.location as string)).body;
    expect(banner).toContain('Case closed; 1 open action closed with it');
    expect((await as.maceChildren.get('/my-cases')).body).not.toContain('SYNTHETIC mentoring');
    const plural = (await as.maceChair.get(`/cases/${caseId}?done=closed&actions=2`)).body;
    expect(plural).toContain('Case closed; 2 open actions closed with it');
    const none = (await as.maceChair.get(`/cases/${caseId}?done=closed&actions=0`)).body;
    expect(none).toContain('Case closed');
    expect(none).not.toContain('Case closed;');
    expect((await as.maceChair.get(`/cases/${caseId}?done=constructor`)).body).not.toContain(
      'govuk-notification-banner',
    );
    const closed = await h.t.database.db
      .selectFrom('panel_case')
      .select(['status', 'closed_at', 'retain_until'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
    // MACE keeps personal data six years after closure, whatever the outcome.
    const closedOn = closed.closed_at!.toISOString().slice(0, 10);
    expect(closed.retain_until).toBe(`${Number(closedOn.slice(0, 4)) + 6}${closedOn.slice(4)}`);
    const after = (await as.maceChair.get(`/cases/${caseId}`)).body;
    expect(after).toContain('Risk reduced: managed by a single agency');
    expect(after).not.toContain(`action="/cases/${caseId}/close"`);
  });
});
