import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, findUserByEmail } from '../../../auth/users.ts';
import { createReport } from '../../../reports/workflow/reportStore.ts';
import type { Browser } from '../../testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';

/*
 * The Reports section over the dashboard fixture (real Tower Hamlets files, SYNTHETIC partner extracts): one SNA
 * for Tower Hamlets 2024/25 compared with 2023/24 taken from creation to publication, each step through the pages
 * as people use them (forms with CSRF, redirects), and each refusal checked for its status, its words and that
 * nothing changed.
 */
let f: DashboardFixture;
const as = {} as Record<'analyst' | 'manager' | 'manager2' | 'viewer', Browser>;
let reportId = 0;

beforeAll(async () => {
  f = await createDashboardFixture();
  const people = [
    ['analyst', 'analyst@council.example', 'local_authority', 'analyst'],
    ['manager', 'manager@council.example', 'local_authority', 'partnership_manager'],
    ['manager2', 'manager@police.example', 'police', 'partnership_manager'],
    ['viewer', 'viewer@probation.example', 'probation', 'viewer'],
  ] as const;
  for (const [, email, agency, role] of people) await f.h.addUser(email, agency, role);
  for (const [key, email] of people) as[key] = await f.h.signIn(email);
}, 600_000);
afterAll(async () => f?.h.close());

const db = () => f.h.services.db;
const versions = async () =>
  (await db().selectFrom('report_version').select('version').where('report_id', '=', reportId).execute()).length;
/** Waits for every build the pages started; returns how long that took. */
async function buildsFinished(): Promise<number> {
  const started = Date.now();
  await Promise.all(f.h.services.reportJobs.list().map((j) => j.finished));
  return Date.now() - started;
}
const SNA = { template: 'sna', area: 'E09000030', period: '2024/25', compare: '2023/24', title: '' };

describe('listing and creating reports', () => {
  it('lists reports, links Reports in the navigation, and offers "Create a report" only to writers', async () => {
    const analyst = await as.analyst.get('/reports');
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).toContain('href="/reports/new"');
    expect(analyst.body).toMatch(
      /<a class="govuk-service-navigation__link" href="\/reports"[^>]*>\s*(<strong[^>]*>)?Reports/,
    );
    const viewer = await as.viewer.get('/reports');
    expect(viewer.statusCode).toBe(200);
    expect(viewer.body).not.toContain('Create a report');
    expect((await as.viewer.get('/reports/new')).statusCode).toBe(403);
  });

  it('refuses a form without a template, area or readable period, in an error summary linked to the fields', async () => {
    await as.analyst.get('/reports/new');
    const res = await as.analyst.post('/reports/new', {
      template: 'nope',
      area: '',
      period: 'next year',
      compare: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    for (const field of ['#area', '#period', '#compare']) expect(res.body).toContain(`href="${field}"`);
    expect(res.body).toContain('The period must be a financial year like 2024/25');
    expect(res.body).toContain('value="next year"');
    const forged = await as.analyst.post('/reports/new', { ...SNA, _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(await db().selectFrom('report').select('id').execute()).toEqual([]);
  });

  it('creates a draft and redirects to its page, which shows the build’s progress and reloads itself', async () => {
    await as.analyst.get('/reports/new');
    const res = await as.analyst.post('/reports/new', SNA);
    expect(res.statusCode).toBe(303);
    reportId = Number(/^\/reports\/(\d+)$/.exec(res.headers.location as string)?.[1]);
    expect(reportId).toBeGreaterThan(0);
    const page = await as.analyst.get(`/reports/${reportId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Serious violence strategic needs assessment: Tower Hamlets, 2024/25');
    expect(page.body).toContain('<meta http-equiv="refresh" content="2">');
    expect(page.body).toMatch(/Building: (starting|\d+ of \d+ figures)/);
    // The build awaits the database: other pages are answered meanwhile.
    const running = f.h.services.reportJobs.list().find((j) => j.status === 'running');
    const list = await as.viewer.get('/reports');
    expect(list.body).toContain('Tower Hamlets');
    expect(list.body).toContain('Draft');
    expect(running?.status).toBe('running');
  });

  it('then shows the finished preview for the reader, with violence against the person at 9,812', async () => {
    const ms = await buildsFinished();
    console.info(`SNA preview build finished ${ms} ms after the page first answered`);
    const page = await as.analyst.get(`/reports/${reportId}`);
    expect(page.body).not.toContain('http-equiv="refresh"');
    expect(page.body).toContain('<article class="app-report">');
    expect(page.body).toContain('9,812');
  }, 120_000);
});

describe('editing the narrative', () => {
  it('refuses a bad placeholder naming the block, keeping the text and saving nothing', async () => {
    await as.analyst.get(`/reports/${reportId}/edit`);
    const res = await as.analyst.post(`/reports/${reportId}/edit`, {
      basedOn: '1',
      'text-profile-text': 'Violence: {{vap.count} offences.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#text-profile-text"');
    expect(res.body).toContain('profile-text');
    expect(res.body).toContain('Violence: {{vap.count} offences.');
    expect(await versions()).toBe(1);
  });

  it('saves a version with the changed block and shows it in the preview', async () => {
    await as.analyst.get(`/reports/${reportId}/edit`);
    const res = await as.analyst.post(`/reports/${reportId}/edit`, {
      basedOn: '1',
      'text-profile-text': 'Violence against the person: {{vap.count}} offences in {{period}}.',
      note: 'first pass',
    });
    expect(res.statusCode).toBe(303);
    expect(await versions()).toBe(2);
    await as.analyst.get(`/reports/${reportId}`);
    await buildsFinished();
    expect((await as.analyst.get(`/reports/${reportId}`)).body).toContain(
      'Violence against the person: 9,812 offences in 2024/25.',
    );
  }, 120_000);

  it('shows each narrative block beside its preview, and refuses a save over a later version', async () => {
    const page = await as.analyst.get(`/reports/${reportId}/edit`);
    expect(page.body).toContain('<label class="govuk-label govuk-label--s" for="text-profile-text">');
    expect(page.body).toContain('Violence profile: profile-text');
    expect(page.body).toContain('Violence against the person: 9,812 offences in 2024/25.');
    const stale = await as.analyst.post(`/reports/${reportId}/edit`, { basedOn: '1', 'text-duty': 'Old edit.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('version 2 was saved after version 1');
    expect(await versions()).toBe(2);
  });

  it('refuses editing to viewers (403), saving nothing', async () => {
    expect((await as.viewer.get(`/reports/${reportId}/edit`)).statusCode).toBe(403);
    await as.viewer.get('/reports');
    const res = await as.viewer.post(`/reports/${reportId}/edit`, { basedOn: '2', 'text-duty': 'x' });
    expect(res.statusCode).toBe(403);
    expect(await versions()).toBe(2);
  });
});

describe('comments and the review workflow', () => {
  it('takes a comment on a block, lists it under the block, and resolves it', async () => {
    await as.manager.get(`/reports/${reportId}`);
    const res = await as.manager.post(`/reports/${reportId}/comments`, { block: 'vap', body: 'Add the rate.' });
    expect(res.statusCode).toBe(303);
    const page = await as.manager.get(`/reports/${reportId}`);
    expect(page.body).toContain('Violence profile: vap');
    expect(page.body).toContain('Add the rate.');
    const commentId = /\/comments\/(\d+)\/resolve/.exec(page.body)?.[1];
    expect((await as.manager.post(`/reports/${reportId}/comments/${commentId}/resolve`)).statusCode).toBe(303);
    expect((await as.manager.get(`/reports/${reportId}`)).body).toContain('<strong>Resolved</strong>');
  });

  it('lets the author submit; an analyst may not approve; an author may not approve their own words', async () => {
    // A manager's edit makes them the latest author, so separation of duties applies to them.
    await as.manager.get(`/reports/${reportId}/edit`);
    const edit = await as.manager.post(`/reports/${reportId}/edit`, { basedOn: '2', 'text-gaps-text': 'No gaps.' });
    expect(edit.statusCode).toBe(303);
    await as.analyst.get(`/reports/${reportId}`);
    expect((await as.analyst.post(`/reports/${reportId}/submit`)).statusCode).toBe(303);
    const analyst = await as.analyst.post(`/reports/${reportId}/approve`);
    expect(analyst.statusCode).toBe(403);
    expect(analyst.body).toContain('An analyst may not approve reports');
    await as.manager.get(`/reports/${reportId}`);
    const own = await as.manager.post(`/reports/${reportId}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('another partnership manager must approve it');
    expect((await as.analyst.get(`/reports/${reportId}/edit`)).statusCode).toBe(409);
    await as.manager2.get(`/reports/${reportId}`);
    const empty = await as.manager2.post(`/reports/${reportId}/return`, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#reason"');
    const status = await db().selectFrom('report').select('status').where('id', '=', reportId).executeTakeFirst();
    expect(status?.status).toBe('in_review');
    expect((await as.manager2.post(`/reports/${reportId}/approve`)).statusCode).toBe(303);
  }, 120_000);
});

describe('downloads and publishing', () => {
  it('gives live builds as Word, Excel and HTML attachments to exporters, and a viewer 403', async () => {
    for (const [format, type] of [
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['html', 'text/html; charset=utf-8'],
    ] as const) {
      const res = await as.analyst.get(`/reports/${reportId}/download/internal.${format}`);
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="sna-tower-hamlets-2024-25-internal.${format}"`,
      );
      if (format === 'html') expect(res.body).toContain('9,812');
    }
    expect((await as.viewer.get(`/reports/${reportId}/download/internal.docx`)).statusCode).toBe(403);
    // Every document that left was recorded as an export of this report, with its edition and format.
    const exports = await db()
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'export')
      .where('subject_type', '=', 'report')
      .where('subject_id', '=', String(reportId))
      .execute();
    expect(exports.map((e) => (JSON.parse(e.details) as { format: string }).format).sort()).toEqual([
      'docx',
      'html',
      'xlsx',
    ]);
    if (existsSync(f.h.services.config.chromiumPath)) {
      const pdf = await as.analyst.get(`/reports/${reportId}/download/internal.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await as.analyst.get(`/reports/${reportId}/download/internal.odt`)).statusCode).toBe(400);
  }, 180_000);

  it('publishes both editions, frozen: downloads then come from the publication', async () => {
    await as.manager.get(`/reports/${reportId}`);
    const res = await as.manager.post(`/reports/${reportId}/publish`);
    expect(res.statusCode).toBe(303);
    const stored = await db()
      .selectFrom('report_publication')
      .select(['edition', 'version', 'as_of'])
      .where('report_id', '=', reportId)
      .orderBy('edition')
      .execute();
    expect(stored.map(({ edition, version }) => ({ edition, version }))).toEqual([
      { edition: 'internal', version: 3 },
      { edition: 'public', version: 3 },
    ]);
    // Each figure block frozen at the extract it was answered from.
    for (const p of stored) expect((p.as_of as Record<string, string>).vap).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const page = await as.manager.get(`/reports/${reportId}`);
    expect(page.body).toContain('Published');
    expect(page.body).toContain('(as published)');
    const pub = await as.analyst.get(`/reports/${reportId}/download/public.html`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('OFFICIAL (PUBLIC EDITION)');
  }, 180_000);
});

describe('a build that fails', () => {
  it('says which block failed and why, and offers to try again', async () => {
    // The pages refuse such text; a report made elsewhere (the API, an older version) may still carry it.
    const analyst = actorOf((await findUserByEmail(db(), 'analyst@council.example'))!);
    const bad = await createReport(db(), analyst, {
      title: 'Broken',
      templateId: 'sna',
      templateVersion: 1,
      areaCode: 'E09000030',
      period: '2024/25',
      narrative: { 'gaps-text': 'See {{nope.count}}.' },
    });
    await as.analyst.get(`/reports/${bad.id}`);
    await buildsFinished();
    const page = await as.analyst.get(`/reports/${bad.id}`);
    expect(page.body).toContain('The report could not be built');
    expect(page.body).toContain('Block <strong>gaps-text</strong> failed');
    expect(page.body).toContain('nope');
    expect(page.body).not.toContain('http-equiv="refresh"');
    const retry = await as.analyst.post(`/reports/${bad.id}/rebuild`);
    expect(retry.statusCode).toBe(303);
    expect(f.h.services.reportJobs.list().filter((j) => j.key.startsWith(`${bad.id}/`))).toEqual([]);
  });
});
