import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { getReturn, listReturns } from '../src/performance/returns/returnQueries.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';

/*
 * A quarter's return cycle in a real browser, by the people who do it: the partnership manager opens the quarter,
 * the police data owner submits (after an invalid value is refused and nothing saved), the council analyst sends it
 * back, the data owner corrects one value with a reason, the analyst accepts, and the scorecard shows the accepted
 * value. A small migrated database with the indicators synced, no imported data: computed indicators say "no data".
 * Every page visited is checked with axe (WCAG 2.2 AA).
 */
let h: Harness;
let browser: Browser;
let baseUrl: string;
const QUARTER = '2015/16 Q2';
const returnUrl = async () => {
  const police = (await listReturns(h.services.db, { agencies: ['police'] }))[0];
  if (police === undefined) throw new Error('no police return');
  return { id: police.id, url: `${baseUrl}/performance/returns/${police.id}` };
};

beforeAll(async () => {
  h = await createHarness();
  await h.addUser('manager@council.demo', 'local_authority', 'partnership_manager');
  await h.addUser('analyst@council.demo', 'local_authority', 'analyst');
  await h.addUser('owner@police.demo', 'police', 'data_owner');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  if (chromiumAvailable) browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Signs in straight to a page (the sign-in form's `next`), skipping the dashboard this empty database has no data for. */
async function signedIn(email: string, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.locator('#sign-in').click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return page;
}

const status = (page: Page) => page.locator('main .govuk-tag').first().textContent();

describe.skipIf(!chromiumAvailable)('a quarterly return from opening to the scorecard in a real browser', () => {
  it('the partnership manager opens the quarter', async () => {
    const page = await signedIn('manager@council.demo', '/performance/returns');
    await expectAccessible(page);
    await page.locator('#quarter-to-open').fill(QUARTER);
    await page.locator('#dueOn').fill('2015-10-31');
    await page.getByRole('button', { name: 'Open the quarter' }).click();
    await page.waitForURL(/quarter=/);
    expect(await page.getByRole('link', { name: `Police, ${QUARTER}` }).count()).toBe(1);
    await expectAccessible(page);
  }, 300_000);

  it('the police data owner submits: an invalid value is refused with nothing saved, then fixed', async () => {
    const { id, url } = await returnUrl();
    const page = await signedIn('owner@police.demo', '/performance/returns');
    await expectAccessible(page);
    await page.goto(url);
    await expectAccessible(page);
    const values = page.locator('input[name$="-value"]');
    for (let i = 0; i < (await values.count()); i++) await values.nth(i).fill('50');
    await page.locator('#asb-calls-value').fill('lots');
    await page.getByRole('button', { name: 'Submit for checking' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter the value as a number, like 1,234');
    expect(await page.locator('#asb-calls-value').inputValue()).toBe('lots');
    expect(await page.locator('#victim-satisfaction-value').inputValue()).toBe('50');
    expect((await getReturn(h.services.db, id)).history).toEqual([]);
    await expectAccessible(page);
    await page.locator('#asb-calls-value').fill('120');
    await page.getByRole('button', { name: 'Submit for checking' }).click();
    await page.waitForURL(url);
    expect(await status(page)).toContain('Submitted for checking');
    await expectAccessible(page);
  }, 300_000);

  it('the council analyst sends it back with a reason', async () => {
    const { url } = await returnUrl();
    const page = await signedIn('analyst@council.demo', '/performance/returns');
    await page.goto(url);
    await expectAccessible(page);
    await page.locator('#sendBackReason').fill('ASB calls look low against the CAD dashboard');
    await page.getByRole('button', { name: 'Send back' }).click();
    await page.waitForURL(url);
    expect(await status(page)).toContain('Sent back');
    await expectAccessible(page);
  }, 300_000);

  it('the police data owner corrects one value with a reason, keeping the earlier value', async () => {
    const { url } = await returnUrl();
    const page = await signedIn('owner@police.demo', '/performance/returns');
    await page.goto(url);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('ASB calls look low');
    await expectAccessible(page);
    await page.locator('#asb-calls-value').fill('130');
    await page.locator('#reason').fill('Re-run on the final CAD extract');
    await page.getByRole('button', { name: 'Submit for checking' }).click();
    await page.waitForURL(url);
    expect(await page.locator('#corrections + ul').textContent()).toMatch(
      /120 changed to 130 by owner@police\.demo .*Re-run on the final CAD extract/s,
    );
    await expectAccessible(page);
  }, 300_000);

  it('the analyst accepts it and the scorecard shows the accepted value', async () => {
    const { url } = await returnUrl();
    const page = await signedIn('analyst@council.demo', '/performance/returns');
    await page.goto(url);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(url);
    expect(await status(page)).toContain('Accepted');
    await expectAccessible(page);
    await page.goto(`${baseUrl}/performance?quarter=${encodeURIComponent(QUARTER)}&theme=anti-social-behaviour`);
    const row = page.locator('tr', {
      has: page.getByRole('link', { name: 'Police CAD calls for anti-social behaviour' }),
    });
    expect(await row.textContent()).toContain('130');
    await expectAccessible(page);
    if (process.env.SAFER_E2E_SCREENSHOTS)
      await page.screenshot({ path: process.env.SAFER_E2E_SCREENSHOTS, fullPage: true });
    await page.getByRole('link', { name: 'Police CAD calls for anti-social behaviour' }).click();
    await page.waitForURL(/\/performance\/indicators\/asb-calls$/);
    expect(await page.locator('#values ~ div table').textContent()).toContain('Re-run on the final CAD extract');
    await expectAccessible(page);
  }, 300_000);
});
