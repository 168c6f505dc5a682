import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from '../test/dashboardFixture.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { screenshot } from './pages/dashboardPages.ts';
import { tabUntil, type Focused } from './pages/keyboard.ts';
import { pageWidth } from './pages/narrowScreen.ts';
import { SignInPage } from './pages/pages.ts';

/** The six dashboard pages at their defaults (Tower Hamlets, the latest 12 months). */
const PAGES = [
  { name: 'overview', path: '/dashboard', h1: 'Serious violence in Tower Hamlets' },
  { name: 'trends', path: '/dashboard/trends', h1: 'Trends' },
  { name: 'places', path: '/dashboard/places', h1: 'Places' },
  { name: 'time', path: '/dashboard/time', h1: 'Time' },
  { name: 'people', path: '/dashboard/people', h1: 'People' },
  { name: 'explorer', path: '/explorer', h1: 'Explorer' },
] as const;
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 800 };

let f: DashboardFixture;
let browser: Browser;
let baseUrl: string;
let analyst: BrowserContext;

beforeAll(async () => {
  f = await createDashboardFixture();
  await f.h.addUser('analyst@council.example', 'local_authority', 'analyst');
  await f.h.addUser('viewer@probation.example', 'probation', 'viewer');
  await f.h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(f.h.app.server.address() as AddressInfo).port}`;
  if (!chromiumAvailable) return;
  browser = await launchChromium();
  analyst = await signedInContext('analyst@council.example');
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await f?.h.close();
});

async function signedInContext(email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await (await SignInPage.open(page, baseUrl)).signIn(email, TEST_PASSWORD);
  await page.close();
  return context;
}

async function open(context: BrowserContext, path: string, h1: string): Promise<Page> {
  const page = await context.newPage();
  // The first view of a page is built uncached on PGlite in this test's own process while other test files
  // load the 2 cores: it has taken over 30 s (playwright's default) in CI. Later views come from the page cache.
  const res = await page.goto(`${baseUrl}${path}`, { timeout: 120_000 });
  expect(res?.status(), path).toBe(200);
  expect((await page.locator('h1').textContent())?.trim()).toBe(h1);
  return page;
}

const isSkipLink = (x: Focused) => x.className.includes('govuk-skip-link') && x.text === 'Skip to main content';
const isSectionLink = (x: Focused) => x.tag === 'a' && x.within === 'Dashboard sections';
const isFilterSubmit = (x: Focused) =>
  x.tag === 'button' && x.within === 'Choose area and period' && x.text === 'Show figures';

describe.skipIf(!chromiumAvailable)('every dashboard page in a real browser', () => {
  for (const p of PAGES) {
    it(`${p.name}: no serious accessibility problems, wide or 320 px wide with every table open, and no sideways scrolling at 320 px`, async () => {
      const page = await open(analyst, p.path, p.h1);
      await screenshot(page, p.name);
      await expectAccessible(page);

      await page.setViewportSize(NARROW);
      // Every "View as table" open too: its table must scroll inside its own box, reachable by keyboard.
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => {
          d.open = true;
        }),
      );
      await screenshot(page, `${p.name}-320`);
      const width = await pageWidth(page);
      expect(width.viewport).toBe(NARROW.width);
      expect(width.scrollWidth, `${p.path} at 320 px: ${width.culprits.join('; ')}`).toBeLessThanOrEqual(
        NARROW.width + 1,
      );
      await expectAccessible(page);
      await page.close();
    });

    it(`${p.name}: by keyboard alone, Tab reaches the skip link, the sections, the filter button${p.name === 'places' ? ' and a ward on the map' : ''}`, async () => {
      const page = await open(analyst, p.path, p.h1);
      expect(await tabUntil(page, isSkipLink, 'the skip link')).toHaveLength(1);
      await tabUntil(page, isSectionLink, 'the section navigation');
      await tabUntil(page, isFilterSubmit, 'the filter form\'s "Show figures" button');
      if (p.name === 'places') {
        const [area] = (await tabUntil(page, (x) => x.className.includes('app-map__link'), 'a map area link')).slice(
          -1,
        );
        expect(area!.href).toMatch(/^\/dashboard\?.*area=E05/);
        // Enter on the focused ward opens its overview.
        await Promise.all([page.waitForURL((u) => u.pathname === '/dashboard'), page.keyboard.press('Enter')]);
        expect(await page.locator('h1').textContent()).toBe(`Serious violence in ${area!.text.split(': ')[0]}`);
      }
      await page.close();
    });

    it(`${p.name}: choosing another period and submitting with the keyboard changes the URL`, async () => {
      const page = await open(analyst, p.path, p.h1);
      await tabUntil(page, (x) => x.id === 'filter-period', 'the period select');
      const before = await page.locator('#filter-period').inputValue();
      await page.keyboard.press('ArrowDown');
      const chosen = await page.locator('#filter-period').inputValue();
      expect(chosen).not.toBe(before);
      await tabUntil(page, isFilterSubmit, 'the "Show figures" button');
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('period') === chosen),
        page.keyboard.press('Enter'),
      ]);
      expect(new URL(page.url()).pathname).toBe(p.path);
      expect(await page.locator('#filter-period').inputValue()).toBe(chosen);
      await page.close();
    });
  }

  it('explorer at 320 px: a keyboard user reaches the wide table and scrolls it sideways with the arrow keys', async () => {
    const page = await analyst.newPage();
    await page.setViewportSize(NARROW);
    await page.goto(`${baseUrl}/explorer?definition=knife-crime-with-injury&period=2024%2F25`);
    const box = page.locator('#explorer-table');
    const widths = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(widths.scroll, 'the table is wider than the screen, so this test means something').toBeGreaterThan(
      widths.client,
    );
    await tabUntil(page, (x) => x.scrollBox === 'explorer-table', 'the Explorer table');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    // Keyboard scrolling is animated: wait for it to move rather than read it at once.
    await expect.poll(() => box.evaluate((e) => e.scrollLeft), { timeout: 5000 }).toBeGreaterThan(20);
    await page.close();
  });

  it('a period that cannot be read is refused with the reason, on a page that stays accessible', async () => {
    const page = await analyst.newPage();
    const res = await page.goto(`${baseUrl}/explorer?period=not+a+period`);
    expect(res?.status()).toBe(400);
    expect(await page.locator('h1').textContent()).toBe('There is a problem with your request');
    expect(await page.locator('main').textContent()).toContain('"not a period" is not a period');
    await expectAccessible(page);
    await page.close();
  });

  it('a probation viewer reads the overview but is offered no downloads, and cannot fetch one', async () => {
    const viewer = await signedInContext('viewer@probation.example');
    const page = await open(viewer, '/dashboard', 'Serious violence in Tower Hamlets');
    expect(await page.locator('#figure-knife-crime-with-injury [data-figure="count"]').textContent()).toMatch(
      /^\d[\d,]*$/,
    );
    expect(await page.locator('a[download], a[href*="/download."], a[href*="/chart."]').count()).toBe(0);
    await expectAccessible(page);

    await page.goto(`${baseUrl}/explorer?definition=knife-crime-with-injury&period=2024%2F25`);
    expect(await page.locator('#explorer-table tbody tr').count()).toBe(12);
    expect(await page.locator('#explorer-downloads').count()).toBe(0);
    expect(await page.locator('a[download], a[href*="/download."], a[href*="/chart."]').count()).toBe(0);
    expect(await page.locator('#explorer-no-downloads').textContent()).toContain('not download them');
    const res = await page.request.get(
      `${baseUrl}/explorer/download.csv?definition=knife-crime-with-injury&period=2024%2F25`,
    );
    expect(res.status()).toBe(403);
    await viewer.close();
  });
});
