import type { Page } from 'playwright-core';

export interface PageWidth {
  viewport: number;
  scrollWidth: number;
  /** When the page is too wide: the chain of elements that, hidden one at a time, make it narrower (outermost first). */
  culprits: string[];
}

/**
 * How wide the page is against the viewport. Wide tables and maps may scroll
 * inside their own container (overflow-x: auto); the page itself may not.
 * When it is too wide, elements are hidden one at a time (and shown again) to
 * find what widens it, since an absolutely positioned element can escape its
 * scrolling container without sticking out of any box one could measure.
 */
export async function pageWidth(page: Page): Promise<PageWidth> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const width = () => document.documentElement.scrollWidth;
    const scrollWidth = width();
    const culprits: string[] = [];
    const describe = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('class') ? `.${e.getAttribute('class')!.trim().split(/\s+/).join('.')}` : ''}`;
    const walk = (parent: Element, depth: number) => {
      for (const child of Array.from(parent.children)) {
        if (!(child instanceof HTMLElement) || culprits.length >= 20) continue;
        const before = child.style.display;
        child.style.display = 'none';
        const narrower = width() < scrollWidth;
        child.style.display = before;
        if (narrower) {
          culprits.push(`${'  '.repeat(depth)}${describe(child)}`);
          if (depth < 15) walk(child, depth + 1);
          return;
        }
      }
    };
    if (scrollWidth > viewport + 1) walk(document.body, 0);
    return { viewport, scrollWidth, culprits };
  });
}
