import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from '../test/dashboardFixture.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import {
  ExplorerPage,
  OverviewPage,
  PlacesPage,
  readCount,
  screenshot,
  type ExplorerTable,
} from './pages/dashboardPages.ts';
import { SignInPage } from './pages/pages.ts';
import { csvTable } from '../test/csvTable.ts';

// Worked out with python's csv module over demo-data/mps/monthly-crime-dashboard.csv.gz:
// area_code E09000030, area_type Borough, crime_subtype "Knife Crime with Injury", measure Offences.
const KCWI_12_MONTHS_TO_FEB_2026 = 138;
const KCWI_2024_25_MONTHS = [13, 16, 11, 17, 15, 15, 15, 18, 5, 5, 15, 20]; // Apr 2024 … Mar 2025, sum 165
const KCWI_2024_25 = 165;

let f: DashboardFixture;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  f = await createDashboardFixture();
  await f.h.addUser('analyst@council.example', 'local_authority', 'analyst');
  await f.h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(f.h.app.server.address() as AddressInfo).port}`;
  if (chromiumAvailable) browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await f?.h.close();
});

/** The page's month, count and rate columns, read as a person reads them. */
function pageColumns(table: ExplorerTable): { month: string; count: number; rate: number }[] {
  const [month, count, rate] = ['Month', 'Count', 'Rate'].map((h) => table.head.indexOf(h));
  expect(
    [month, count, rate].every((i) => i! >= 0),
    `columns in ${table.head.join(' | ')}`,
  ).toBe(true);
  return table.rows.map((r) => ({ month: r[month!]!, count: readCount(r[count!]!), rate: readCount(r[rate!]!) }));
}

/** The page rounds rates to 4 significant figures; the downloads keep full precision. */
const sameRate = (shown: number, full: number) => Math.abs(shown - full) <= Math.abs(full) * 5e-4 + 1e-9;

describe.skipIf(!chromiumAvailable)('an analyst of the council, new to Safer, in a real browser', () => {
  let page: Page;

  it('signs in and reads the Tower Hamlets overview for the latest 12 months', async () => {
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    const signIn = await SignInPage.open(page, baseUrl);
    await signIn.signIn('analyst@council.example', TEST_PASSWORD);
    const overview = await OverviewPage.verifyOnPage(page, 'Tower Hamlets');
    expect(await page.locator('.govuk-body-l').first().textContent()).toContain('12 months to Feb 2026');
    expect(await overview.count('knife-crime-with-injury')).toBe(KCWI_12_MONTHS_TO_FEB_2026);
    await screenshot(page, 'journey-1-overview');
    await expectAccessible(page);
  });

  it('changes the period to 2024/25 and the figures follow', async () => {
    const overview = await OverviewPage.verifyOnPage(page, 'Tower Hamlets');
    await overview.choosePeriod('2024/25');
    expect(await page.locator('.govuk-body-l').first().textContent()).toContain('2024/25');
    expect(await overview.count('knife-crime-with-injury')).toBe(KCWI_2024_25);
    await screenshot(page, 'journey-2-overview-2024-25');
    await expectAccessible(page);
  });

  it("opens a ward on the Places map and sees that ward's overview", async () => {
    const overview = new OverviewPage(page);
    await overview.openSection('Places');
    const places = await PlacesPage.verifyOnPage(page);
    expect(new URL(page.url()).searchParams.get('period')).toBe('2024/25');
    await screenshot(page, 'journey-3-places');
    await expectAccessible(page);
    expect(await places.mapAreaLinks().count()).toBeGreaterThan(10);
    const { name } = await places.openFirstArea();
    expect(name).not.toBe('');
    expect(name).not.toBe('Tower Hamlets');
    expect(new URL(page.url()).searchParams.get('area')).toMatch(/^E05/);
    await screenshot(page, 'journey-4-ward-overview');
    await expectAccessible(page);
  });

  it("opens the Explorer from the borough's knife crime figure; its numbers are the overview's", async () => {
    await page.goto(`${baseUrl}/dashboard?period=2024%2F25`);
    const overview = await OverviewPage.verifyOnPage(page, 'Tower Hamlets');
    const shown = await overview.count('knife-crime-with-injury');
    const explorer = await overview.exploreFigure('knife-crime-with-injury');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      definition: 'knife-crime-with-injury',
      area: 'E09000030',
      period: '2024/25',
    });
    const rows = pageColumns(await explorer.table());
    expect(rows.map((r) => r.count)).toEqual(KCWI_2024_25_MONTHS);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(shown);
    await screenshot(page, 'journey-5-explorer');
    await expectAccessible(page);
  });

  it("downloads the CSV and the XLSX; their numbers equal the Explorer table's", async () => {
    const explorer = await ExplorerPage.verifyOnPage(page);
    const rows = pageColumns(await explorer.table());

    const csv = await explorer.download(/CSV/);
    expect(csv.filename).toMatch(/\.csv$/);
    const [head, ...data] = csvTable(csv.body.toString('utf8'));
    const [month, count, rate] = ['group.month', 'count', 'rate'].map((k) => head!.indexOf(k));
    expect(
      [month, count, rate].every((i) => i! >= 0),
      `CSV header ${head!.join(',')}`,
    ).toBe(true);
    expect(data.map((r) => r[month!])).toEqual(rows.map((r) => r.month));
    expect(data.map((r) => Number(r[count!]))).toEqual(rows.map((r) => r.count));
    data.forEach((r, i) =>
      expect(sameRate(rows[i]!.rate, Number(r[rate!])), `CSV rate ${r[rate!]} vs page ${rows[i]!.rate}`).toBe(true),
    );

    const xlsx = await explorer.download(/XLSX/);
    expect(xlsx.filename).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Data')!;
    const heads = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const [xMonth, xCount, xRate] = ['Month', 'Count', 'Rate'].map((h) => heads.indexOf(h) + 1);
    expect(
      [xMonth, xCount, xRate].every((i) => i! > 0),
      `XLSX header ${heads.join(',')}`,
    ).toBe(true);
    const xRows = rows.map((_, i) => sheet.getRow(i + 2));
    expect(xRows.map((r) => String(r.getCell(xMonth!).value))).toEqual(rows.map((r) => r.month));
    expect(xRows.map((r) => r.getCell(xCount!).value)).toEqual(rows.map((r) => r.count));
    xRows.forEach((r, i) => expect(sameRate(rows[i]!.rate, Number(r.getCell(xRate!).value))).toBe(true));
    // No figure row beyond the page's.
    expect(typeof sheet.getRow(rows.length + 2).getCell(xCount!).value).not.toBe('number');
  });
});
