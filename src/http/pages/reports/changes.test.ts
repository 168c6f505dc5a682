import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAggregatesForBatch } from '../../../analysis/aggregates/refreshAggregatesForBatch.ts';
import type { Actor } from '../../../auth/policy.ts';
import { actorOf, findUserByEmail } from '../../../auth/users.ts';
import { formatCount } from '../../../charts/svg.ts';
import { importFile } from '../../../ingest/importFile.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import { buildReport } from '../../../reports/build/buildReport.ts';
import { reportPorts } from '../../../reports/build/databasePorts.ts';
import { findTemplate, loadTemplates } from '../../../reports/template/loadTemplates.ts';
import { createReport, publish, transition } from '../../../reports/workflow/reportStore.ts';
import { synthesiseExtracts } from '../../../synth/synthesiseExtracts.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import { tempDir } from '../../../../test/tempFiles.ts';
import type { Browser } from '../../testing/appHarness.ts';

/*
 * "What changed since publication" and "what the public edition withholds", over the dashboard fixture (real files,
 * SYNTHETIC partner extracts): an SNA published, then a newer SYNTHETIC partner extract for June 2024 imported.
 */
let f: DashboardFixture;
let analyst: Browser;
let owner: Browser;
let reportId = 0;
let svdPublished = 0;
const actors = {} as Record<'analyst' | 'manager' | 'manager2', Actor>;

const jobsDone = () => Promise.all(f.h.services.reportJobs.list().map((j) => j.finished));
/** A page that builds first answers with its progress; once the builds are done, with the figures. */
async function settled(browser: Browser, url: string) {
  await browser.get(url);
  await jobsDone();
  return browser.get(url);
}

beforeAll(async () => {
  f = await createDashboardFixture();
  for (const [key, email, agency, role] of [
    ['analyst', 'analyst@council.example', 'local_authority', 'analyst'],
    ['manager', 'manager@council.example', 'local_authority', 'partnership_manager'],
    ['manager2', 'manager@police.example', 'police', 'partnership_manager'],
  ] as const) {
    await f.h.addUser(email, agency, role);
    actors[key] = actorOf((await findUserByEmail(f.h.services.db, email))!);
  }
  await f.h.addUser('owner@police.example', 'police', 'data_owner');
  analyst = await f.h.signIn('analyst@council.example');
  owner = await f.h.signIn('owner@police.example');
  const db = f.h.services.db;
  const report = await createReport(db, actors.analyst, {
    title: 'SNA 2024/25',
    templateId: 'sna',
    templateVersion: 1,
    areaCode: 'E09000030',
    period: '2024/25',
    compare: '2023/24',
  });
  reportId = report.id;
  await transition(db, actors.analyst, reportId, 'submit');
  await transition(db, actors.manager2, reportId, 'approve');
  const template = findTemplate(await loadTemplates(), 'sna');
  const definitions = await f.h.services.definitions();
  const edition = async (e: 'internal' | 'public') => {
    const built = await buildReport(
      { template, area: 'E09000030', period: '2024/25', compare: '2023/24', edition: e },
      { ...reportPorts(db, definitions), analyse: readerReportAnalyser(f.h.services, actors.manager, e) },
    );
    return { built: { ...built, asOf: built.extracts }, asOf: built.extracts };
  };
  const internal = await edition('internal');
  svdPublished = internal.built.annex.find((r) => r.block === 'svd')!.count!;
  await publish(db, actors.manager, reportId, { internal, public: await edition('public') });
}, 600_000);
afterAll(async () => f?.h.close());

describe('what changed since publication', () => {
  it('is refused for a report that is not published', async () => {
    const draft = await createReport(f.h.services.db, actors.analyst, {
      title: 'Draft',
      templateId: 'sna',
      templateVersion: 1,
      areaCode: 'E09000030',
      period: '2024/25',
    });
    const res = await analyst.get(`/reports/${draft.id}/changes`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });

  it('shows progress while today’s build runs, then that nothing has changed', async () => {
    const first = await analyst.get(`/reports/${reportId}/changes`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/Building: (starting|\d+ of 22 figures)|No figure has changed/);
    await jobsDone();
    const page = await analyst.get(`/reports/${reportId}/changes`);
    expect(page.body).toContain('No figure has changed since the report was published.');
    const reportPage = await analyst.get(`/reports/${reportId}`);
    expect(reportPage.body).toContain(`href="/reports/${reportId}/changes"`);
    expect(reportPage.body).toContain(`href="/reports/${reportId}/public-differences"`);
    expect(page.body).not.toContain('http-equiv="refresh"');
  }, 120_000);

  it('after a newer partner extract, lists the figures that moved with both values', async () => {
    const { dir } = tempDir('safer-newer-');
    const made = await synthesiseExtracts(f.h.services.db, {
      boroughCode: 'E09000030',
      boroughName: 'Tower Hamlets',
      from: '2024-06',
      to: '2024-06',
      outDir: dir,
      seed: 7,
    });
    // Newer than the fixture's extracts, which are dated the day the fixture was built.
    const newer = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const r = await importFile(f.h.services.database, made.policeFile, {
      importedBy: 'test',
      extractDate: newer,
      refreshAggregates: refreshAggregatesForBatch,
    });
    expect(r.status).toBe('imported');
    const page = await settled(analyst, `/reports/${reportId}/changes`);
    const rows = [...page.body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.trim()),
    );
    const svd = rows.find((cells) => cells[2]?.startsWith(formatCount(svdPublished)) && cells[1] === 'Tower Hamlets');
    expect(svd, JSON.stringify(rows.slice(0, 5))).toBeDefined();
    expect(svd![3]).not.toBe(svd![2]);
    expect(svd![4]).toContain(`→ ${newer}`);
  }, 180_000);
});

describe('what the public edition withholds', () => {
  it('lists for the police data owner the partner cells the public edition suppresses', async () => {
    const page = await settled(owner, `/reports/${reportId}/public-differences`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What the public edition withholds');
    // The data owner reads partner records directly: small counts they see are "*" in the public edition.
    expect(page.body).toMatch(/figures differ/);
    expect(page.body).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">\*<\/td>/);
  }, 180_000);
});

describe('the published SNA’s recommendations', () => {
  it('lists each recommendation of the starter text with its number and theme, for the delivery plan', async () => {
    const page = await analyst.get(`/reports/${reportId}`);
    await jobsDone();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('delivery plan will track them by report and number.');
    const rows = [...page.body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.trim()),
    );
    expect(rows).toContainEqual([
      '1',
      'Early intervention and prevention',
      'Develop a whole-system public health approach to violence prevention.',
    ]);
    expect(rows).toContainEqual([
      '2',
      'Enforcement and tackling offenders',
      'Improve information sharing between duty holders regarding enforcement and tackling offenders.',
    ]);
  }, 180_000);
});
