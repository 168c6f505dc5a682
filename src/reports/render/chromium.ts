import { type Browser, chromium, type Page } from 'playwright-core';

/** How Safer launches Chromium, for reports and browser tests (e2e/browser.ts): headless, no background traffic, no first-run work. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One Chromium for printing reports; close() ends its process. */
export interface ReportBrowser {
  /** Runs `use` on a fresh page that runs no script and reaches no network, then closes it. */
  usePage<T>(use: (page: Page) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openReportBrowser(executablePath: string): Promise<ReportBrowser> {
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return {
    async usePage(use) {
      // The document is self-contained and script-free (render/html.ts): a page that could run script or fetch
      // something would only be a way for a bad template to reach out, so both are switched off.
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        await context.route('**/*', (route) => route.abort());
        return await use(await context.newPage());
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}

/** Opens a browser for `use` and always closes it, so a failed print never leaves a Chromium behind. */
export async function withReportBrowser<T>(
  executablePath: string,
  use: (browser: ReportBrowser) => Promise<T>,
): Promise<T> {
  const browser = await openReportBrowser(executablePath);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}
