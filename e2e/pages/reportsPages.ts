import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/reports');

/** A full-page picture for people to look at (test-results/reports/<name>.png), not compared by the tests. */
export async function reportScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Page objects for the Reports section: each recognises its page by its heading and does what a person does. */

const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim();

export class ReportsListPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, baseUrl: string): Promise<ReportsListPage> {
    await page.goto(`${baseUrl}/reports`);
    expect(await heading(page)).toBe('Reports');
    return new ReportsListPage(page);
  }

  async createReport(): Promise<NewReportPage> {
    await this.page.getByRole('button', { name: 'Create a report' }).click();
    await this.page.waitForURL((url) => url.pathname === '/reports/new');
    expect(await heading(this.page)).toBe('Create a report');
    return new NewReportPage(this.page);
  }
}

export class NewReportPage {
  constructor(readonly page: Page) {}

  async fill(fields: { template: string; area: string; period: string; compare: string }): Promise<void> {
    await this.page.getByLabel(fields.template).check();
    await this.page.getByLabel('Area').selectOption({ label: fields.area });
    await this.page.getByLabel('Period', { exact: true }).fill(fields.period);
    await this.page.getByLabel('Comparison period (optional)').fill(fields.compare);
  }

  /** Submits; the error summary's messages when the form is refused, else the report page. */
  async submit(): Promise<ReportPage | string[]> {
    await this.page.getByRole('button', { name: 'Create report' }).click();
    await this.page.waitForLoadState();
    if (new URL(this.page.url()).pathname === '/reports/new')
      return this.page.locator('.govuk-error-summary__list a').allTextContents();
    return ReportPage.verifyOnPage(this.page);
  }
}

export class ReportPage {
  constructor(readonly page: Page) {}

  static async verifyOnPage(page: Page): Promise<ReportPage> {
    await page.waitForURL((url) => /^\/reports\/\d+$/.test(url.pathname));
    expect(await page.locator('.govuk-caption-l').textContent()).toMatch(/^Report \d+$/);
    return new ReportPage(page);
  }

  /** Waits for the live build: the page reloads itself (meta refresh) until the report is there. */
  async waitForPreview(): Promise<string> {
    const failed = this.page.locator('#preview ~ .govuk-error-summary');
    await this.page.locator('article.app-report').or(failed).waitFor({ timeout: 180_000 });
    if ((await failed.count()) > 0) throw new Error(`the build failed: ${await failed.textContent()}`);
    return (await this.page.locator('article.app-report').textContent()) ?? '';
  }

  status = async () => (await this.page.locator('#report-status').textContent())?.trim();

  async press(button: string): Promise<ReportPage> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await this.page.waitForLoadState();
    return ReportPage.verifyOnPage(this.page);
  }

  async comment(blockText: string, body: string): Promise<ReportPage> {
    await this.page.getByLabel('Block to comment on').selectOption({ label: blockText });
    await this.page.getByLabel('Comment', { exact: true }).fill(body);
    return this.press('Add comment');
  }

  async edit(): Promise<EditReportPage> {
    await this.page.getByRole('button', { name: 'Edit the narrative' }).click();
    await this.page.waitForURL((url) => url.pathname.endsWith('/edit'));
    expect(await heading(this.page)).toBe('Edit the narrative');
    return new EditReportPage(this.page);
  }
}

export class EditReportPage {
  constructor(readonly page: Page) {}

  async save(label: string, text: string): Promise<ReportPage | string[]> {
    await this.page.getByLabel(label, { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Save a new version' }).click();
    await this.page.waitForLoadState();
    if (new URL(this.page.url()).pathname.endsWith('/edit'))
      return this.page.locator('.govuk-error-summary__list a').allTextContents();
    return ReportPage.verifyOnPage(this.page);
  }
}
