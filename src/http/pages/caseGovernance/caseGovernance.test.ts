import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppUser } from '../../../auth/users.ts';
import { type SyntheticCase, syntheticCase } from '../../../panels/governance/testing/syntheticCase.ts';
import { readPerson } from '../../../panels/people/person.ts';
import { loadPanels, syncPanels } from '../../../panels/loadPanels.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from '../../../delivery/reminders/testing/localSmtpServer.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The governance pages through the real app, with a real SMTP server on 127.0.0.1 for the chair's notice. One
 * SYNTHETIC MACE case (SyntheticAda Alphaworth) referred by the nurse. People: the MACE chair and coordinator,
 * a MACE member, two council analysts on no panel, an administrator and the police data owner.
 */

let h: Harness;
let smtp: LocalSmtpServer;
let ada: SyntheticCase;
const FROM = 'safer@csp.example';
const users = {} as Record<string, AppUser>;
const as = {} as Record<string, Browser>;

beforeAll(async () => {
  smtp = await startLocalSmtpServer();
  h = await createHarness({ SAFER_SMTP_URL: smtp.url, SAFER_MAIL_FROM: FROM });
  const db = h.t.database.db;
  await syncPanels(db, await loadPanels());
  const people = {
    chair: ['mace.chair@synthetic.test', 'local_authority', 'partnership_manager', 'chair'],
    coordinator: ['mace.coordinator@synthetic.test', 'police', 'analyst', 'coordinator'],
    member: ['mace.police@synthetic.test', 'police', 'analyst', 'member'],
    outsider: ['council.outsider@synthetic.test', 'local_authority', 'analyst', null],
    searcher: ['council.searcher@synthetic.test', 'local_authority', 'analyst', null],
    admin: ['gov.admin@synthetic.test', 'local_authority', 'administrator', null],
    dpo: ['police.dpo@synthetic.test', 'police', 'data_owner', null],
    nurse: ['school.nurse@synthetic.test', 'health', 'viewer', null],
  } as const;
  for (const [key, [email, agency, role, panelRole]] of Object.entries(people)) {
    users[key] = await h.addUser(email, agency, role);
    if (panelRole)
      await db
        .insertInto('panel_member')
        .values({
          panel_id: 'mace',
          user_id: users[key].id,
          agency,
          role: panelRole,
          joined_on: '2020-01-01',
          added_by: 'test',
        })
        .execute();
    as[key] = await h.signIn(email);
  }
  const nurse = users.nurse as AppUser;
  ada = await syntheticCase(
    db,
    await h.services.caseKeys(),
    { id: nurse.id, email: nurse.email, agency: 'health', role: 'viewer' },
    {
      given: 'SyntheticAda',
      family: 'Alphaworth',
      linkedGiven: 'SyntheticLin',
      linkedFamily: 'Gammaton',
    },
  );
}, 300_000);
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

const grants = () => h.t.database.db.selectFrom('case_read_grant').selectAll().orderBy('id').execute();

describe('search', () => {
  it('a non-member finds nothing, by reference or name, and is never pointed at the case', async () => {
    for (const q of [ada.caseReference, ada.person.reference, 'Alphaworth']) {
      const res = await as.searcher?.get(`/cases/search?q=${encodeURIComponent(q)}`);
      expect(res?.statusCode).toBe(200);
      expect(res?.body).toContain('No cases found');
      expect(res?.body).not.toContain(`/cases/${ada.caseId}"`);
    }
  });
  it('a member finds the case', async () => {
    const res = await as.member?.get('/cases/search?q=alphaworth');
    expect(res?.body).toContain(`href="/cases/${ada.caseId}"`);
    expect(res?.body).toContain('1 case found');
    const audit = await auditEntries(h, 'case.search');
    expect(audit.map((a) => JSON.parse(a.details))).toContainEqual({ queryLength: 10, kind: 'name', results: 1 });
    expect(audit.some((a) => a.details.includes('lphaworth'))).toBe(false);
  });
});

describe('break glass', () => {
  it('the form warns that the read is audited and reported to the chair', async () => {
    const res = await as.outsider?.get(`/cases/break-glass?case=${ada.caseReference}`);
    expect(res?.statusCode).toBe(200);
    expect(res?.body).toContain('This read is audited');
    expect(res?.body).toContain('reported to the panel chair');
    expect(res?.body).toContain(`value="${ada.caseReference}"`);
  });

  it('refuses a short reason and an unknown reference, granting nothing; the unknown one is audited', async () => {
    const short = await as.outsider?.post('/cases/break-glass', { case: ada.caseReference, reason: 'need it' });
    expect(short?.statusCode).toBe(400);
    expect(short?.body).toContain('Say why you need to read this case (at least 10 characters)');
    const unknown = await as.outsider?.post('/cases/break-glass', {
      case: 'C-2222-2222',
      reason: 'SYNTHETIC: a child at risk tonight',
    });
    expect(unknown?.statusCode).toBe(400);
    expect(unknown?.body).toContain('No case has that reference');
    expect(await grants()).toEqual([]);
    const audit = await auditEntries(h, 'case.break-glass');
    expect(audit.map((a) => [a.outcome, a.actor_email])).toEqual([['failure', 'council.outsider@synthetic.test']]);
    expect(smtp.received).toEqual([]);
  });

  it('an API token cannot break glass', async () => {
    const token = await h.token(users.outsider as AppUser, 'read');
    const res = await h.app.inject({
      method: 'POST',
      url: '/cases/break-glass',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `case=${ada.caseReference}&reason=SYNTHETIC%20token%20reason`,
    });
    expect(res.headers.location ?? '').not.toBe(`/cases/${ada.caseId}`);
    expect(await grants()).toEqual([]);
  });

  it('grants, audits, e-mails the chair through SMTP and records the notice', async () => {
    const res = await as.outsider?.post('/cases/break-glass', {
      case: ada.caseReference.toLowerCase(),
      reason: 'SYNTHETIC: sibling placement check tonight',
    });
    expect(res?.statusCode).toBe(303);
    expect(res?.headers.location).toBe(`/cases/${ada.caseId}`);
    const [grant] = await grants();
    expect(grant).toMatchObject({
      case_id: ada.caseId,
      user_id: users.outsider?.id,
      reason: 'SYNTHETIC: sibling placement check tonight',
    });
    expect(grant?.chair_notified_at).not.toBeNull();
    const panel = (
      await h.t.database.db.selectFrom('panel').select('name').where('id', '=', 'mace').executeTakeFirstOrThrow()
    ).name;
    expect(smtp.received.map((m) => [m.from, m.to, m.subject])).toEqual([
      [FROM, ['mace.chair@synthetic.test'], `Safer: break glass on ${panel} case ${ada.caseReference}`],
    ]);
    expect(smtp.received[0]?.text).toContain('council.outsider@synthetic.test (local_authority) broke glass');
    expect(smtp.received[0]?.text).toContain('Reason given: SYNTHETIC: sibling placement check tonight');
    const audit = await auditEntries(h, 'case.break-glass');
    expect(audit.map((a) => a.outcome)).toEqual(['failure', 'success']);
  });

  it('an administrator may break glass too, and is reported the same way', async () => {
    await as.admin?.get('/cases/break-glass');
    const res = await as.admin?.post('/cases/break-glass', {
      case: ada.caseReference,
      reason: 'SYNTHETIC: checking a complaint file',
    });
    expect(res?.headers.location).toBe(`/cases/${ada.caseId}`);
    expect(smtp.received.length).toBe(2);
  });

  it("the chair's page lists every read; a member and an outsider get not found", async () => {
    for (const who of ['chair', 'coordinator']) {
      const res = await as[who]?.get('/panels/mace/break-glass');
      expect(res?.statusCode).toBe(200);
      expect(res?.body).toContain('2 reads, newest first');
      expect(res?.body).toContain('council.outsider@synthetic.test');
      expect(res?.body).toContain('SYNTHETIC: checking a complaint file');
      expect(res?.body).toContain('OFFICIAL-SENSITIVE');
      expect(res?.body).not.toContain('Not notified');
    }
    for (const who of ['member', 'outsider', 'admin'])
      expect((await as[who]?.get('/panels/mace/break-glass'))?.statusCode).toBe(404);
    expect((await as.chair?.get('/panels/marac/break-glass'))?.statusCode).toBe(404);
  });
});

describe('break glass when the mail server refuses the chair', () => {
  it('the grant stands, the notice is not recorded, and the chair sees "Not notified"', async () => {
    smtp.refuse.add('mace.chair@synthetic.test');
    await as.searcher?.get('/cases/break-glass');
    const res = await as.searcher?.post('/cases/break-glass', {
      case: ada.caseReference,
      reason: 'SYNTHETIC: mail server test reason',
    });
    expect(res?.headers.location).toBe(`/cases/${ada.caseId}`);
    const last = (await grants()).at(-1);
    expect(last).toMatchObject({ user_id: users.searcher?.id, chair_notified_at: null });
    const page = await as.chair?.get('/panels/mace/break-glass');
    expect(page?.body).toContain('3 reads, newest first');
    expect(page?.body).toContain('Not notified');
    smtp.refuse.clear();
  });
});

describe('search input', () => {
  it('refuses a query over 100 characters, searching nothing', async () => {
    const before = (await auditEntries(h, 'case.search')).length;
    const res = await as.member?.get(`/cases/search?q=${'a'.repeat(101)}`);
    expect(res?.statusCode).toBe(400);
    expect(res?.body).toContain('Enter 100 characters or fewer');
    expect((await auditEntries(h, 'case.search')).length).toBe(before);
  });
});

describe('subject requests', () => {
  it('are the data owner’s alone', async () => {
    for (const who of ['chair', 'admin', 'member'])
      expect((await as[who]?.get('/subject-requests'))?.statusCode).toBe(403);
  });

  it('a request with missing fields names each and saves nothing', async () => {
    await as.dpo?.get('/subject-requests/new');
    const res = await as.dpo?.post('/subject-requests', {
      personReference: 'X-1',
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'receivedOn-year': '2026',
      details: '',
    });
    expect(res?.statusCode).toBe(400);
    expect(res?.body).toContain('a person reference such as P-7KQ2-M9XD');
    expect(res?.body).toContain('choose access, rectification or erasure');
    expect(res?.body).toContain('Enter a real date, for example 27 3 2026');
    expect(res?.body).toContain('say what the person asked for');
    expect(await h.t.database.db.selectFrom('subject_request').select('id').execute()).toEqual([]);
  });

  it('records an access request and exports the record, audited', async () => {
    await as.dpo?.get('/subject-requests/new');
    const res = await as.dpo?.post('/subject-requests', {
      personReference: ada.person.reference,
      kind: 'access',
      'receivedOn-day': '2',
      'receivedOn-month': '11',
      'receivedOn-year': '2026',
      details: 'SYNTHETIC: a copy of everything',
    });
    expect(res?.statusCode).toBe(303);
    const id = Number(/\/subject-requests\/(\d+)/.exec(res?.headers.location ?? '')?.[1]);
    const page = await as.dpo?.get(`/subject-requests/${id}`);
    expect(page?.body).toContain(`/subject-requests/${id}/export.pdf`);
    const json = await as.dpo?.get(`/subject-requests/${id}/export.json`);
    expect(json?.statusCode).toBe(200);
    const record = JSON.parse(json?.body ?? '{}');
    expect(record.person.reference).toBe(ada.person.reference);
    expect(record.breakGlassReads.length).toBe(3);
    expect((await auditEntries(h, 'subject-request.export')).map((a) => a.subject_id)).toEqual([String(id)]);
    const reads = (await auditEntries(h, 'case.read')).filter((a) => a.actor_email === 'police.dpo@synthetic.test');
    expect(reads.map((a) => [a.subject_id, JSON.parse(a.details).what])).toEqual([
      [String(ada.caseId), 'subject-access'],
    ]);
    expect((await as.chair?.get(`/subject-requests/${id}/export.json`))?.statusCode).toBe(403);
    // Another agency's data owner: the request is not theirs, so it is not found.
    await h.addUser('council.dpo@synthetic.test', 'local_authority', 'data_owner');
    const councilDpo = await h.signIn('council.dpo@synthetic.test');
    for (const url of [`/subject-requests/${id}`, `/subject-requests/${id}/export.json`])
      expect((await councilDpo.get(url)).statusCode).toBe(404);
    expect((await councilDpo.get('/subject-requests')).body).toContain('No subject requests have been recorded.');
    expect((await auditEntries(h, 'subject-request.export')).length).toBe(1);
  });

  it.skipIf(!existsSync(h?.services.config.chromiumPath ?? '/usr/bin/chromium'))(
    'exports the PDF',
    async () => {
      const id = (await h.t.database.db.selectFrom('subject_request').select('id').executeTakeFirstOrThrow()).id;
      const pdf = await as.dpo?.get(`/subject-requests/${id}/export.pdf`);
      expect(pdf?.statusCode).toBe(200);
      expect(pdf?.headers['content-type']).toBe('application/pdf');
      expect(pdf?.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
    120_000,
  );

  it('a refusal needs a reason', async () => {
    const id = (await h.t.database.db.selectFrom('subject_request').select('id').executeTakeFirstOrThrow()).id;
    await as.dpo?.get(`/subject-requests/${id}`);
    const res = await as.dpo?.post(`/subject-requests/${id}/decide`, { outcome: 'refused', reason: '' });
    expect(res?.statusCode).toBe(400);
    expect(res?.body).toContain('give the reason for a refusal or a partial outcome');
    const ok = await as.dpo?.post(`/subject-requests/${id}/decide`, { outcome: 'completed' });
    expect(ok?.statusCode).toBe(303);
    expect(
      (await h.t.database.db.selectFrom('subject_request').select('outcome').executeTakeFirstOrThrow()).outcome,
    ).toBe('completed');
  });

  it('a rectification clears health by its own choice; a value beside it is refused naming the field', async () => {
    await as.dpo?.get('/subject-requests/new');
    const res = await as.dpo?.post('/subject-requests', {
      personReference: ada.person.reference,
      kind: 'rectification',
      'receivedOn-day': '3',
      'receivedOn-month': '11',
      'receivedOn-year': '2026',
      details: 'SYNTHETIC: the health information is wrong',
    });
    const id = Number(/\/subject-requests\/(\d+)/.exec(res?.headers.location ?? '')?.[1]);
    const page = await as.dpo?.get(`/subject-requests/${id}`);
    expect(page?.body).toContain('Clear health or disability');
    expect(page?.body).toContain('name="clear" type="checkbox" value="other"');
    const both = await as.dpo?.post(`/subject-requests/${id}/decide`, {
      health: 'SYNTHETIC new',
      clear: 'health',
      outcome: 'completed',
    });
    expect(both?.statusCode).toBe(400);
    expect(both?.body).toContain('<a href="#health">either correct health or clear it, not both</a>');
    expect(both?.body).toMatch(/id="health-error"[^>]*>\s*<span[^>]*>Error:<\/span> either correct health or clear/);
    expect(both?.body).toMatch(/name="clear" type="checkbox" value="health" checked/);
    const ring = await h.services.caseKeys();
    expect((await readPerson(h.t.database.db, ring, ada.person.id))?.special.health).toBe(
      'SYNTHETIC asthma of SyntheticAda',
    );
    const ok = await as.dpo?.post(`/subject-requests/${id}/decide`, { clear: 'health', outcome: 'completed' });
    expect(ok?.statusCode).toBe(303);
    expect((await readPerson(h.t.database.db, ring, ada.person.id))?.special).toEqual({ ethnicity: 'white-british' });
    const audit = (await auditEntries(h, 'person.update')).map((a) => JSON.parse(a.details));
    expect(audit).toEqual([{ fields: ['health'], cleared: ['health'], subjectRequest: id }]);
  });
});
