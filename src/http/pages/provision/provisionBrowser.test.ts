import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, launchChromium } from '../../../../e2e/browser.ts';
import { screenshot } from '../../../../e2e/pages/dashboardPages.ts';
import { pageWidth } from '../../../../e2e/pages/narrowScreen.ts';
import { SignInPage } from '../../../../e2e/pages/pages.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import { actorOf } from '../../../auth/users.ts';
import { saveEntry } from '../../../registers/entryStore.ts';
import { addCalendarMonths } from '../../../registers/provision/fundingCliff.ts';
import { PROVISION_REGISTER } from '../../../registers/provision/provisionService.ts';
import { serviceRow, WARDS } from '../../../registers/provision/testing/serviceEntries.ts';
import { TEST_PASSWORD } from '../../testing/appHarness.ts';

/*
 * The three provision map views in Debian's Chromium, wide and 320 px wide with every table open: no serious
 * accessibility problems (axe-core) and no sideways scrolling of the page (wide tables scroll in their own box).
 * Two SYNTHETIC services with long names, so the tables are wider than a phone.
 */
const PAGES = [
  { path: '/provision', h1: 'What works, current provision and gaps' },
  { path: '/provision/coverage', h1: 'Coverage against need, by ward' },
  { path: '/provision/funding', h1: 'Funding cliff' },
] as const;
const NARROW = { width: 320, height: 800 };

let f: DashboardFixture;
let browser: Browser;
let context: BrowserContext;
let baseUrl = '';

beforeAll(async () => {
  f = await createDashboardFixture();
  const analyst = actorOf(await f.h.addUser('analyst@council.example', 'local_authority', 'analyst'));
  const ctx = await f.h.services.registerContext();
  const rows: Record<string, string>[] = [
    {
      name: 'SYNTHETIC Spitalfields and Banglatown Detached Youth Work Partnership',
      wards: WARDS.spitalfields.code,
      capacity: '30',
      caseload: '31',
      funding_ends_on: addCalendarMonths(ctx.today, 2),
      evidence_impact: 'moderate',
      evidence_source: 'https://toolkit.example/detached-youth-work-with-a-long-address',
    },
    { name: 'SYNTHETIC Borough-wide Domestic Abuse Advocacy', needs: 'domestic abuse', whole_borough: 'yes' },
  ];
  for (const row of rows)
    await saveEntry(f.h.services.db, ctx, analyst, PROVISION_REGISTER, serviceRow(row), { submit: true });
  await f.h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(f.h.app.server.address() as AddressInfo).port}`;
  if (!chromiumAvailable) return;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await (await SignInPage.open(page, baseUrl)).signIn('analyst@council.example', TEST_PASSWORD);
  await page.close();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await f?.h.close();
});

describe.skipIf(!chromiumAvailable)('the provision map in a real browser', () => {
  for (const p of PAGES)
    it(`${p.path}: accessible wide and at 320 px, where only its tables scroll sideways`, async () => {
      const page = await context.newPage();
      const res = await page.goto(`${baseUrl}${p.path}`, { timeout: 120_000 });
      expect(res?.status()).toBe(200);
      expect((await page.locator('h1').textContent())?.trim()).toBe(p.h1);
      const name = `provision${p.path.replace('/provision', '').replace('/', '-')}`;
      await screenshot(page, name);
      await expectAccessible(page);
      await page.setViewportSize(NARROW);
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => {
          d.open = true;
        }),
      );
      await screenshot(page, `${name}-320`);
      const width = await pageWidth(page);
      expect(width.scrollWidth, `${p.path} at 320 px: ${width.culprits.join('; ')}`).toBeLessThanOrEqual(
        NARROW.width + 1,
      );
      await expectAccessible(page);
      await page.close();
    });
});
