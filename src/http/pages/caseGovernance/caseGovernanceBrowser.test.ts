import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, launchChromium } from '../../../../e2e/browser.ts';
import { screenshot } from '../../../../e2e/pages/dashboardPages.ts';
import { pageWidth } from '../../../../e2e/pages/narrowScreen.ts';
import { SignInPage } from '../../../../e2e/pages/pages.ts';
import { type SyntheticCase, syntheticCase } from '../../../panels/governance/testing/syntheticCase.ts';
import { loadPanels, syncPanels } from '../../../panels/loadPanels.ts';
import { createHarness, type Harness, TEST_PASSWORD } from '../../testing/appHarness.ts';

/*
 * The governance pages in Debian's Chromium, wide and 320 px wide: no serious accessibility problem (axe-core) and
 * no sideways scrolling of the page, with the error states shown. One SYNTHETIC MACE case; the MACE chair and the
 * police data owner sign in.
 */
const NARROW = { width: 320, height: 800 };
let h: Harness;
let browser: Browser;
const contexts = {} as Record<'chair' | 'dpo', BrowserContext>;
let baseUrl = '';
let ada: SyntheticCase;
let requestId = 0;

beforeAll(async () => {
  h = await createHarness();
  const db = h.t.database.db;
  await syncPanels(db, await loadPanels());
  const chair = await h.addUser('mace.chair@synthetic.test', 'local_authority', 'partnership_manager');
  await db
    .insertInto('panel_member')
    .values({
      panel_id: 'mace',
      user_id: chair.id,
      agency: 'local_authority',
      role: 'chair',
      added_by: 'test',
      joined_on: '2020-01-01',
    })
    .execute();
  const dpo = await h.addUser('police.dpo@synthetic.test', 'police', 'data_owner');
  const nurse = await h.addUser('school.nurse@synthetic.test', 'health', 'viewer');
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
  await db
    .insertInto('case_read_grant')
    .values({
      case_id: ada.caseId,
      user_id: dpo.id,
      reason: 'SYNTHETIC: a long reason for reading the case that wraps on a phone',
      granted_at: new Date(),
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();
  requestId = (
    await db
      .insertInto('subject_request')
      .values({
        person_id: ada.person.id,
        person_reference: ada.person.reference,
        kind: 'rectification',
        received_on: '2026-11-02',
        details: 'SYNTHETIC: the family name is wrong',
        recorded_by: dpo.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  if (!chromiumAvailable) return;
  browser = await launchChromium();
  for (const [who, email] of [
    ['chair', chair.email],
    ['dpo', dpo.email],
  ] as const) {
    contexts[who] = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await contexts[who].newPage();
    await (await SignInPage.open(page, baseUrl)).signIn(email, TEST_PASSWORD);
    await page.close();
  }
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function check(page: Page, name: string, h1: string) {
  expect((await page.locator('h1').textContent())?.trim()).toBe(h1);
  await screenshot(page, name);
  await expectAccessible(page);
  await page.setViewportSize(NARROW);
  await screenshot(page, `${name}-320`);
  const width = await pageWidth(page);
  expect(width.scrollWidth, `${name} at 320 px: ${width.culprits.join('; ')}`).toBeLessThanOrEqual(NARROW.width + 1);
  await expectAccessible(page);
}

describe.skipIf(!chromiumAvailable)('governance pages in a real browser', () => {
  it('break glass, with its errors', async () => {
    const page = await contexts.chair.newPage();
    await page.goto(`${baseUrl}/cases/break-glass`);
    await page.getByRole('button', { name: 'Read the case' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeTruthy();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the case reference');
    await check(page, 'governance-break-glass-errors', 'Read a case outside your panels');
    await page.close();
  }, 120_000);

  it("search and the chair's list", async () => {
    const page = await contexts.chair.newPage();
    await page.goto(`${baseUrl}/cases/search?q=Alphaworth`);
    await check(page, 'governance-search', 'Find a case');
    expect(await page.locator('main').textContent()).toContain(ada.caseReference);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/panels/mace/break-glass`);
    await check(page, 'governance-chair-break-glass', 'Break-glass reads');
    await page.close();
  }, 120_000);

  it('subject requests: the list, a new one with errors, and a rectification to decide', async () => {
    const page = await contexts.dpo.newPage();
    await page.goto(`${baseUrl}/subject-requests`);
    await check(page, 'governance-subject-requests', 'Subject requests');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/subject-requests/new`);
    await page.getByRole('button', { name: 'Record the request' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('say what the person asked for');
    await check(page, 'governance-subject-request-new-errors', 'Record a subject request');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/subject-requests/${requestId}`);
    await check(page, 'governance-subject-request', ada.person.reference);
    await page.close();
  }, 120_000);
});
