import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../auth/policy.ts';
import { seedCase } from '../../../panels/cases/testing/caseTestData.ts';
import type { PanelPerson } from '../../../panels/testing/panelTestDb.ts';
import { signInPanelPeople } from '../../../panels/testing/signInPanelPeople.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * Need to know as a matrix (issue 21, decision 0017), written out by hand: one SYNTHETIC MACE case referred by the
 * school nurse, and six kinds of asker, each through the page, the JSON API, the export and search. "found" means
 * the record itself (the person's name in the answer); every other answer must not contain it. A non-member gets
 * the same "not found" as for a case that does not exist; an administrator reads nothing until breaking glass,
 * which is then audited and listed for the panel's chair.
 */

type Answer = 'found' | 'not-found' | 'refused' | 'no-results' | 'sign-in';

// page, API (the asker's own read token), export (record.json), search (by the case's reference)
const MATRIX: Record<
  string,
  { who: PanelPerson | 'token'; page: Answer; api: Answer; export: Answer; search: Answer }
> = {
  'panel member': { who: 'macePolice', page: 'found', api: 'not-found', export: 'found', search: 'found' },
  'non-member of the same agency': {
    who: 'councilOutsider',
    page: 'not-found',
    api: 'not-found',
    export: 'not-found',
    search: 'no-results',
  },
  // The referrer reads the case on screen (without special category fields) but does not export it.
  referrer: { who: 'nurse', page: 'found', api: 'not-found', export: 'refused', search: 'found' },
  viewer: { who: 'viewer', page: 'not-found', api: 'not-found', export: 'not-found', search: 'no-results' },
  administrator: { who: 'admin', page: 'not-found', api: 'not-found', export: 'not-found', search: 'no-results' },
  // A bearer token (the MACE chair's own) is for the API only: pages ask for a session, the API never gives a case.
  'API token': { who: 'token', page: 'sign-in', api: 'not-found', export: 'sign-in', search: 'sign-in' },
};

const NAME = 'Synthetic Matrixchild';

let h: Harness;
let people: Record<PanelPerson, Actor>;
const as = {} as Record<PanelPerson, Browser>;
const tokens = {} as Record<PanelPerson, string>;
let caseId: number;
let reference: string;

beforeAll(async () => {
  h = await createHarness();
  const db = h.t.database.db;
  const askers = ['macePolice', 'councilOutsider', 'nurse', 'viewer', 'admin', 'maceChair'] as const;
  const signedIn = await signInPanelPeople(h, askers);
  people = signedIn.people;
  Object.assign(as, signedIn.as);
  const seeded = await seedCase(db, await h.services.caseKeys(), {
    panelId: 'mace',
    referrer: people.nurse,
    givenName: 'Synthetic Matrixchild',
    openedAt: new Date(Date.now() - 2 * 86_400_000),
  });
  caseId = seeded.caseId;
  reference = seeded.reference;
  for (const name of askers)
    tokens[name] = await h.token({ ...people[name], role: people[name].role } as never, 'read');
}, 300_000);
afterAll(async () => h?.close());

/** An audit row's details: canonical JSON text in the table. */
const detailsOf = (row: { details: unknown }): Record<string, string> =>
  typeof row.details === 'string' ? JSON.parse(row.details) : (row.details as Record<string, string>);

function answerOf(res: LightMyRequestResponse, kind: 'page' | 'api' | 'export' | 'search'): Answer {
  const shows = res.body.includes(NAME) || res.body.includes(`href="/cases/${caseId}"`);
  if ([302, 303, 401].includes(res.statusCode) && res.headers.location?.toString().startsWith('/sign-in'))
    return 'sign-in';
  if (res.statusCode === 404) return shows ? ('found' as never) : 'not-found';
  if (res.statusCode === 403) return shows ? ('found' as never) : 'refused';
  // The search page repeats the query, so a result is the case's link, not its reference.
  if (kind === 'search') return shows ? 'found' : 'no-results';
  return shows ? 'found' : ('unexpected 200 without the record' as never);
}

async function ask(who: PanelPerson | 'token', kind: 'page' | 'api' | 'export' | 'search') {
  const url = {
    page: `/cases/${caseId}`,
    api: `/api/v1/cases/${caseId}`,
    export: `/cases/${caseId}/record.json`,
    search: `/cases/search?q=${encodeURIComponent(reference)}`,
  }[kind];
  if (who === 'token')
    return h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.maceChair}` } });
  if (kind === 'api') return h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[who]}` } });
  return as[who].get(url);
}

describe('who gets what of a MACE case', () => {
  for (const [row, expected] of Object.entries(MATRIX))
    for (const kind of ['page', 'api', 'export', 'search'] as const)
      it(`${row}: ${kind} → ${expected[kind]}`, async () => {
        const res = await ask(expected.who, kind);
        expect(answerOf(res, kind), `${res.statusCode} ${res.body.slice(0, 200)}`).toBe(expected[kind]);
        if (expected[kind] !== 'found') expect(res.body).not.toContain(NAME);
      });

  it('a non-member’s “not found” is the same as for a case that does not exist', async () => {
    const real = await as.councilOutsider.get(`/cases/${caseId}`);
    const none = await as.councilOutsider.get('/cases/999999');
    expect(real.statusCode).toBe(404);
    expect(real.body).toBe(none.body);
  });

  it('every read of the case is audited with the right it was read by', async () => {
    const before = (await auditEntries(h, 'case.read')).length;
    await as.macePolice.get(`/cases/${caseId}`);
    await as.nurse.get(`/cases/${caseId}`);
    await as.macePolice.get(`/cases/${caseId}/record.json`);
    const reads = (await auditEntries(h, 'case.read')).slice(-3);
    expect((await auditEntries(h, 'case.read')).length).toBe(before + 3);
    expect(reads.map((r) => [r.actor_email, detailsOf(r).via, detailsOf(r).what])).toEqual([
      ['macePolice@synthetic.test', 'member', 'page'],
      ['nurse@synthetic.test', 'referrer', 'page'],
      ['macePolice@synthetic.test', 'member', 'export'],
    ]);
  });

  it('an administrator reads the case only after breaking glass, audited and listed for the chair', async () => {
    expect((await as.admin.get(`/cases/${caseId}`)).statusCode).toBe(404);
    const form = await as.admin.get(`/cases/break-glass?case=${reference}`);
    expect(form.statusCode).toBe(200);
    const short = await as.admin.post('/cases/break-glass', { case: reference, reason: 'need it' });
    expect(short.statusCode).toBe(400);
    expect((await as.admin.get(`/cases/${caseId}`)).statusCode).toBe(404);
    const broke = await as.admin.post('/cases/break-glass', {
      case: reference,
      reason: 'SYNTHETIC: police report an immediate risk tonight',
    });
    expect(broke.statusCode).toBe(303);
    expect(broke.headers.location).toBe(`/cases/${caseId}`);
    const page = await as.admin.get(`/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(NAME);
    const glass = await auditEntries(h, 'case.break-glass');
    expect(glass.map((g) => [g.actor_email, g.outcome])).toContainEqual(['admin@synthetic.test', 'success']);
    const lastRead = (await auditEntries(h, 'case.read')).at(-1)!;
    expect([lastRead.actor_email, detailsOf(lastRead).via]).toEqual(['admin@synthetic.test', 'break-glass']);
    const chairList = await as.maceChair.get('/panels/mace/break-glass');
    expect(chairList.statusCode).toBe(200);
    expect(chairList.body).toContain('admin@synthetic.test');
    expect(chairList.body).toContain('immediate risk tonight');
    // Still no export: breaking glass is for reading, on screen.
    expect((await as.admin.get(`/cases/${caseId}/record.json`)).statusCode).toBe(403);
  });
});
