import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Page objects: each knows how to recognise its page and what a person does there. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  static async open(page: Page, baseUrl: string): Promise<SignInPage> {
    await page.goto(`${baseUrl}/sign-in`);
    return SignInPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<SignInPage> {
    expect(await page.locator('h1').textContent()).toBe('Sign in to Safer');
    return new SignInPage(page);
  }

  async signIn(email: string, password: string): Promise<HomePage> {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.locator('#sign-in').click();
    return HomePage.verifyOnPage(this.page);
  }
}

export class HomePage {
  constructor(private readonly page: Page) {}

  static async verifyOnPage(page: Page): Promise<HomePage> {
    // Signing in opens the dashboard overview ('/' redirects there).
    await page.waitForURL((url) => url.pathname === '/dashboard');
    expect(await page.locator('h1').textContent()).toMatch(/^Serious violence in /);
    return new HomePage(page);
  }

  async signOut(): Promise<SignInPage> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    return SignInPage.verifyOnPage(this.page);
  }
}

export class UploadPage {
  constructor(private readonly page: Page) {}

  static async open(page: Page, baseUrl: string): Promise<UploadPage> {
    await page.goto(`${baseUrl}/data/upload`);
    expect(await page.locator('h1').textContent()).toBe('Upload a file to import');
    return new UploadPage(page);
  }

  async upload(path: string): Promise<Record<string, string>> {
    await this.page.getByLabel('File', { exact: true }).setInputFiles(path);
    await this.page.locator('#upload').click();
    await this.page.locator('#import-summary').waitFor();
    const keys = await this.page.locator('#import-summary .govuk-summary-list__key').allTextContents();
    const values = await this.page.locator('#import-summary .govuk-summary-list__value').allTextContents();
    return Object.fromEntries(keys.map((k, i) => [k.trim(), (values[i] ?? '').trim()]));
  }
}
