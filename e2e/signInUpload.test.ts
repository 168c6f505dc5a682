import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_PASSWORD, type Harness } from '../src/http/testing/appHarness.ts';
import { testData } from '../test/sharedData.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { type HomePage, SignInPage, UploadPage } from './pages/pages.ts';

let h: Harness;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  h = await createHarness();
  await h.addUser('owner@police.example', 'police', 'data_owner');
  await h.addUser('admin@council.example', 'local_authority', 'administrator');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function signedIn(email: string): Promise<{ page: Page; home: HomePage }> {
  const page = await (await browser.newContext()).newPage();
  const signIn = await SignInPage.open(page, baseUrl);
  await expectAccessible(page);
  return { page, home: await signIn.signIn(email, TEST_PASSWORD) };
}

describe.skipIf(!chromiumAvailable)('in a real browser', () => {
  it('a data owner signs in, uploads the MPS borough file, sees its summary and signs out', async () => {
    const { page, home } = await signedIn('owner@police.example');
    await expectAccessible(page);
    const upload = await UploadPage.open(page, baseUrl);
    await expectAccessible(page);
    const summary = await upload.upload(testData('mps/borough/recorded-crime-borough.csv'));
    // 1,032 data rows in the file (python3 csv.DictReader over it).
    expect(summary).toMatchObject({
      File: 'recorded-crime-borough.csv',
      Layout: 'mps-borough-wide',
      Status: 'imported',
      'Rows read': '1,032',
      Problems: '0',
    });
    await expectAccessible(page);
    await home.signOut();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('every page has no serious or critical accessibility problems', async () => {
    const owner = await signedIn('owner@police.example');
    for (const path of [
      '/',
      '/data/imports',
      '/data/imports/1',
      '/data/upload',
      '/account',
      '/audit',
      '/accessibility',
      '/privacy',
      '/no-such-page',
      '/admin/users',
    ]) {
      await owner.page.goto(`${baseUrl}${path}`);
      await expectAccessible(owner.page);
    }
    const admin = await signedIn('admin@council.example');
    for (const path of ['/admin/users', '/admin/agencies', '/admin/tokens', '/audit']) {
      await admin.page.goto(`${baseUrl}${path}`);
      expect(await admin.page.locator('h1').count()).toBe(1);
      await expectAccessible(admin.page);
    }
    // A form with an error shows the error summary; that page must be accessible too.
    await admin.page.goto(`${baseUrl}/admin/tokens`);
    await admin.page.getByRole('button', { name: 'Create token' }).click();
    await admin.page.locator('.govuk-error-summary').waitFor();
    await expectAccessible(admin.page);
  });

  it('runs with JavaScript blocked by nothing but its own CSP: no console CSP errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${baseUrl}/sign-in`);
    expect(await page.evaluate(() => document.body.className)).toContain('js-enabled');
    expect(errors).toEqual([]);
  });
});
