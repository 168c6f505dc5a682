import type { Page } from 'playwright-core';

/** What has keyboard focus, described enough to recognise it. */
export interface Focused {
  tag: string;
  id: string;
  text: string;
  className: string;
  /** The accessible name of the landmark or form around it, if any. */
  within: string;
  href: string;
  /** The id of the scrolling table box (.app-table-scroll) it is in, if any. */
  scrollBox: string;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body)
      return { tag: 'body', id: '', text: '', className: '', within: '', href: '', scrollBox: '' };
    const around = el.closest('nav[aria-label], form[aria-label]');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      className: el.getAttribute('class') ?? '',
      within: around?.getAttribute('aria-label') ?? '',
      href: el.getAttribute('href') ?? '',
      scrollBox: el.closest('.app-table-scroll')?.id ?? '',
    };
  });
}

/**
 * Presses Tab from where focus is until `wanted` matches what has focus, at
 * most `limit` times. Returns every element focused on the way (the last is
 * the match), or throws naming the ones it passed.
 */
export async function tabUntil(
  page: Page,
  wanted: (f: Focused) => boolean,
  what: string,
  limit = 400,
): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f);
    if (wanted(f)) return seen;
  }
  throw new Error(
    `${page.url()}: Tab did not reach ${what} in ${limit} presses; passed ${seen
      .slice(0, 40)
      .map((f) => `${f.tag}#${f.id}"${f.text.slice(0, 30)}"`)
      .join(', ')}…`,
  );
}
