import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { POINTS } from '../src/registers/testing/registerTestDb.ts';
import { createDashboardFixture, type DashboardFixture } from '../test/dashboardFixture.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { screenshot } from './pages/dashboardPages.ts';
import { SignInPage } from './pages/pages.ts';

/*
 * A police officer at the end of a shift records a weapon sweep from a phone: a 320 px wide screen with JavaScript
 * off. The sweep found two items (a knife and a bladed article) near Whitechapel station. It then shows on the
 * places map's weapon-sweep layer beside the knife-crime hot spots, and in the register's figures for its quarter.
 * Real Tower Hamlets outlines and MPS counts (the dashboard fixture); the sweep is SYNTHETIC. Every page is checked
 * with axe (WCAG 2.2 AA) and for horizontal scrolling at 320 px.
 */

// The sweep's day, a past day of a financial quarter worked out by hand: 3 November 2026 lies in 2026/27 Q3.
const SWEPT = { day: '3', month: '11', year: '2026', quarter: '2026/27 Q3' };

let f: DashboardFixture;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let axePage: Page;
let baseUrl: string;
let reference = '';

beforeAll(async () => {
  f = await createDashboardFixture();
  await f.h.addUser('officer@police.example', 'police', 'analyst');
  await f.h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(f.h.app.server.address() as AddressInfo).port}`;
  if (chromiumAvailable) {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // axe-core runs on timers, which a page without JavaScript never fires: each page is checked as a copy, served
    // at its own address to a phone-sized page that runs scripts.
    axePage = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  }
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await f?.h.close();
});

/** axe (WCAG 2.2 AA) on exactly what the phone shows now, including a page that answered a form. */
async function expectAccessibleCopy(p: Page): Promise<void> {
  const url = p.url();
  const html = await p.content();
  await axePage.unrouteAll();
  await axePage.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await axePage.goto(url);
  await expectAccessible(axePage);
}

/** Nothing wider than the phone's screen: the page never scrolls sideways. */
async function expectNoSidewaysScroll(p: Page): Promise<void> {
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${p.url()} is ${width} px wide`).toBeLessThanOrEqual(320);
}

describe.skipIf(!chromiumAvailable)('an officer records a weapon sweep from a phone', () => {
  it('signs in and opens the weapon sweep form from the registers page', async () => {
    const signIn = await SignInPage.open(page, baseUrl);
    await signIn.signIn('officer@police.example', TEST_PASSWORD);
    await page.goto(`${baseUrl}/registers`);
    await page.getByRole('link', { name: /Add a weapon sweep/ }).click();
    await expectNoSidewaysScroll(page);
    expect(await page.locator('h1').textContent()).toContain('Record a weapon sweep');
    await expectNoSidewaysScroll(page);
    await expectAccessibleCopy(page);
  });

  it('is told what is wrong when the date is in the future, with what was typed kept', async () => {
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('1');
    await page.getByLabel('Year').fill('2099');
    await page.getByLabel('Location').fill('SYNTHETIC: Whitechapel Waste');
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('the date must be today or in the past');
    expect(await page.getByLabel('Location').inputValue()).toBe('SYNTHETIC: Whitechapel Waste');
    await expectNoSidewaysScroll(page);
    await expectAccessibleCopy(page);
  });

  it('records the sweep with two items and sees its reference', async () => {
    await page.getByLabel('Day').fill(SWEPT.day);
    await page.getByLabel('Month').fill(SWEPT.month);
    await page.getByLabel('Year').fill(SWEPT.year);
    await page.getByLabel('Team').fill('SYNTHETIC: Whitechapel Safer Neighbourhood Team');
    await page.getByLabel('Knife', { exact: true }).fill('1');
    await page.getByLabel('Bladed article', { exact: true }).fill('1');
    await page.getByLabel('Latitude').fill(POINTS.whitechapel.latitude);
    await page.getByLabel('Longitude').fill(POINTS.whitechapel.longitude);
    await page.getByRole('button', { name: 'Submit' }).click();
    const banner = (await page.locator('.govuk-notification-banner').textContent()) ?? '';
    reference = /WS-2026-\d{4}/.exec(banner)?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(banner).toContain(`${reference} recorded`);
    // The record page names the ward the point lies in (worked out with d3-geo: Spitalfields & Banglatown).
    expect(await page.locator('main').textContent()).toContain('Spitalfields');
    await screenshot(page, 'register-sweep-recorded-320');
    await expectNoSidewaysScroll(page);
    await expectAccessibleCopy(page);
  });

  it('finds the sweep on the places map layer beside the knife-crime hot spots', async () => {
    // The places page over the 12 months to November 2026, knife crime (definitions/knife-crime.json), with the
    // weapon-sweep layer chosen.
    await page.goto(
      `${baseUrl}/dashboard/places?area=E09000030&period=R12%202026-11&what=definition:knife-crime&layer=weapon-sweeps`,
    );
    const marker = page.locator(`#places-hotspots-ward [data-reference="${reference}"]`);
    expect(await marker.count()).toBe(1);
    expect(await page.locator(`#places-map-ward [data-reference="${reference}"]`).count()).toBe(1);
    const row = page.locator('#register-layer-table tr', { hasText: reference });
    expect(await row.textContent()).toContain('Spitalfields & Banglatown');
    await screenshot(page, 'register-sweep-places-layer-320');
    await expectNoSidewaysScroll(page);
    await expectAccessibleCopy(page);
  });

  it("counts the two items in the register's figures for the quarter", async () => {
    await page.goto(
      `${baseUrl}/registers/weapon-sweeps/counts?measure=items-found&by=quarter&from=2026-04-01&to=2027-03-31`,
    );
    expect(await page.locator(`[data-count="${SWEPT.quarter}"]`).textContent()).toBe('2');
    await page.goto(
      `${baseUrl}/registers/weapon-sweeps/counts?measure=sweeps&by=quarter&from=2026-04-01&to=2027-03-31`,
    );
    expect(await page.locator(`[data-count="${SWEPT.quarter}"]`).textContent()).toBe('1');
    await expectNoSidewaysScroll(page);
    await expectAccessibleCopy(page);
  });
});
