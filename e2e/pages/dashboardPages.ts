import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where screenshots go: test-results/ is where CI keeps its reports, and it is git-ignored. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** "1,234" → 1234; what a person reads, as a number. */
export const readCount = (text: string): number => Number(text.replace(/,/g, '').trim());

/** What every dashboard page shares: the section navigation and the GET filter form. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.locator('h1');
  }

  sectionNav(): Locator {
    return this.page.getByRole('navigation', { name: 'Dashboard sections' });
  }

  filterForm(): Locator {
    return this.page.getByRole('form', { name: 'Choose area and period' });
  }

  async openSection(name: 'Overview' | 'Trends' | 'Places' | 'Time' | 'People' | 'Explorer'): Promise<void> {
    await this.sectionNav().getByRole('link', { name, exact: true }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }

  /** Chooses a period in the filter form and submits it, as a mouse user would. */
  async choosePeriod(period: string): Promise<void> {
    await this.filterForm().getByLabel('Period', { exact: true }).selectOption(period);
    await Promise.all([
      this.page.waitForURL((u) => u.searchParams.get('period') === period),
      this.filterForm().getByRole('button', { name: 'Show figures' }).click(),
    ]);
  }
}

/** The Overview: one card per headline figure. */
export class OverviewPage extends DashboardPage {
  static async verifyOnPage(page: Page, areaName?: string): Promise<OverviewPage> {
    await page.waitForURL((url) => url.pathname === '/dashboard');
    const h1 = (await page.locator('h1').textContent())?.trim() ?? '';
    expect(h1).toMatch(/^Serious violence in /);
    if (areaName !== undefined) expect(h1).toBe(`Serious violence in ${areaName}`);
    return new OverviewPage(page);
  }

  card(key: string): Locator {
    return this.page.locator(`#figure-${key}`);
  }

  async count(key: string): Promise<number> {
    return readCount((await this.card(key).locator('[data-figure="count"]').textContent()) ?? '');
  }

  async exploreFigure(key: string): Promise<ExplorerPage> {
    await this.card(key)
      .getByRole('link', { name: /^Explore this figure/ })
      .click();
    return ExplorerPage.verifyOnPage(this.page);
  }
}

/** Places: the choropleth's wards are links to each ward's overview. */
export class PlacesPage extends DashboardPage {
  static async verifyOnPage(page: Page): Promise<PlacesPage> {
    await page.waitForURL((url) => url.pathname === '/dashboard/places');
    expect(await page.locator('h1').textContent()).toBe('Places');
    return new PlacesPage(page);
  }

  mapAreaLinks(): Locator {
    // The choropleth comes first on the page; the hot spot map below it has links of the same class.
    return this.page.locator('a.app-map__link');
  }

  /** Opens the first ward on the map; returns the ward's name as its link names it ("Name: rate …"). */
  async openFirstArea(): Promise<{ name: string; overview: OverviewPage }> {
    const link = this.mapAreaLinks().first();
    const label = (await link.getAttribute('aria-label')) ?? '';
    const name = label.split(': ')[0]!;
    await link.click();
    return { name, overview: await OverviewPage.verifyOnPage(this.page, name) };
  }
}

export interface ExplorerTable {
  head: string[];
  rows: string[][];
}

/** The Explorer: table, chart, permalink and downloads. */
export class ExplorerPage extends DashboardPage {
  static async verifyOnPage(page: Page): Promise<ExplorerPage> {
    await page.waitForURL((url) => url.pathname === '/explorer');
    expect(await page.locator('h1').textContent()).toBe('Explorer');
    return new ExplorerPage(page);
  }

  async table(): Promise<ExplorerTable> {
    const table = this.page.locator('#explorer-table table');
    const head = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
    const rows: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) {
      rows.push((await row.locator('th, td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()));
    }
    return { head, rows };
  }

  downloadLinks(): Locator {
    return this.page.locator('#explorer-downloads a');
  }

  /** Clicks a download link and returns the file's bytes and suggested name, through the browser's own download. */
  async download(name: RegExp): Promise<{ filename: string; body: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.downloadLinks().filter({ hasText: name }).click(),
    ]);
    return { filename: download.suggestedFilename(), body: await downloadBody(download) };
  }
}

async function downloadBody(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
