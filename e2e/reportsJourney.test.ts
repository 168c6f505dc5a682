import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from '../test/dashboardFixture.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { SignInPage } from './pages/pages.ts';
import { type EditReportPage, ReportPage, ReportsListPage, reportScreenshot } from './pages/reportsPages.ts';

/*
 * A report's journey in a real browser, without help from scripts of its own: an analyst drafts the SNA for Tower
 * Hamlets 2024/25, a data owner reviews it with a comment, a partnership manager approves and publishes it. Every
 * page the journey meets is checked with axe (WCAG 2.2 AA).
 */
let f: DashboardFixture;
let browser: Browser;
let baseUrl: string;
let reportUrl = '';

beforeAll(async () => {
  f = await createDashboardFixture();
  await f.h.addUser('analyst@council.example', 'local_authority', 'analyst');
  await f.h.addUser('owner@police.example', 'police', 'data_owner');
  await f.h.addUser('manager@police.example', 'police', 'partnership_manager');
  await f.h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(f.h.app.server.address() as AddressInfo).port}`;
  if (chromiumAvailable) browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await f?.h.close();
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  // First views are built uncached on PGlite while other test files load the 2 cores.
  page.setDefaultTimeout(120_000);
  await (await SignInPage.open(page, baseUrl)).signIn(email, TEST_PASSWORD);
  return page;
}

describe.skipIf(!chromiumAvailable)('a report from draft to publication in a real browser', () => {
  it('an analyst creates the SNA (after fixing the form), waits for its preview and edits the narrative', async () => {
    const page = await signedIn('analyst@council.example');
    const list = await ReportsListPage.open(page, baseUrl);
    await expectAccessible(page);
    const form = await list.createReport();
    await expectAccessible(page);
    await reportScreenshot(page, 'new');
    await form.fill({
      template: 'Serious violence strategic needs assessment (version 1)',
      area: 'Tower Hamlets',
      period: 'last year',
      compare: '2023/24',
    });
    expect(await form.submit()).toEqual([expect.stringMatching(/^The period must be/)]);
    await expectAccessible(page);
    await page.getByLabel('Period', { exact: true }).fill('2024/25');
    const report = await form.submit();
    if (Array.isArray(report)) throw new Error(`refused: ${report.join('; ')}`);
    reportUrl = page.url();
    await reportScreenshot(page, 'report-building');
    // axe fails any timed meta refresh (WCAG 2.2.1); the page offers to stop it, and is checked as it then is.
    const building = await page.locator('#build-progress').count();
    await page.goto(`${reportUrl}?refresh=off`);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    if (building > 0) await expectAccessible(page);
    await page.goto(reportUrl);
    expect(await report.waitForPreview()).toContain('9,812');
    await expectAccessible(page);
    await reportScreenshot(page, 'report-draft');

    const edit: EditReportPage = await report.edit();
    await expectAccessible(page);
    await reportScreenshot(page, 'edit');
    expect(await edit.save('Violence profile: profile-text', 'Offences: {{vap.count}.')).toEqual([
      expect.stringContaining('profile-text'),
    ]);
    await expectAccessible(page);
    const saved = await edit.save('Violence profile: profile-text', 'Offences: {{vap.count}} in {{period}}.');
    if (Array.isArray(saved)) throw new Error(`refused: ${saved.join('; ')}`);
    expect(await saved.waitForPreview()).toContain('Offences: 9,812 in 2024/25.');
    const submitted = await saved.press('Submit for review');
    expect(await submitted.status()).toBe('In review');
  }, 600_000);

  it('a data owner comments on a block', async () => {
    const page = await signedIn('owner@police.example');
    await page.goto(reportUrl);
    const report = await ReportPage.verifyOnPage(page);
    const commented = await report.comment('Violence profile: vap', 'Say which source the count is from.');
    expect(await page.locator('#comments ~ ul').first().textContent()).toContain('Say which source');
    await commented.waitForPreview();
    await expectAccessible(page);
  }, 300_000);

  it('a partnership manager approves and publishes it; the published editions are offered for download', async () => {
    const page = await signedIn('manager@police.example');
    await page.goto(reportUrl);
    const report = await ReportPage.verifyOnPage(page);
    await report.waitForPreview();
    await expectAccessible(page);
    const approved = await report.press('Approve');
    expect(await approved.status()).toBe('Approved');
    const published = await approved.press('Publish');
    expect(await published.status()).toBe('Published');
    expect(await page.getByText('Public edition (as published):').count()).toBe(1);
    await published.waitForPreview();
    await expectAccessible(page);
    await reportScreenshot(page, 'report-published');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Public edition as Word (DOCX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sna-tower-hamlets-2024-25-public.docx');
  }, 600_000);
});
