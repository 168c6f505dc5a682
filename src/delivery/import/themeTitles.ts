/*
 * Theme headings as VRU returns write them: "1. GOVERNANCE", "NEW SECTION: 8. Tackling Violence…", and in the
 * optional-actions table the same themes again without numbers and sometimes with a different strapline
 * ("POSITIVE DIVERSION FROM VIOLENCE Recognising that those vulnerable to…"). Pure.
 */

export interface ThemeHeading {
  number: string | null;
  title: string;
  newSection: boolean;
}

/** Splits "NEW SECTION: 8. Tackling…" into its number, title and whether the VRU marks it as a new section. */
export function readThemeHeading(text: string): ThemeHeading {
  let rest = text.replace(/\s+/g, ' ').trim();
  const newSection = /^NEW SECTION\s*:/i.test(rest);
  if (newSection) rest = rest.replace(/^NEW SECTION\s*:\s*/i, '');
  const numbered = /^(\d+)\s*[.)]\s*(.*)$/.exec(rest);
  if (numbered) return { number: numbered[1] ?? null, title: numbered[2] ?? '', newSection };
  return { number: null, title: rest, newSection };
}

/** Lower-case words without punctuation: "ANALYSIS & ENFORCEMENT" → ["analysis", "enforcement"]. */
export function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/**
 * Whether an unnumbered heading names the same theme as a numbered one: their first three words agree (all of
 * them when the heading is shorter, as "GOVERNANCE"). Straplines after the theme's name differ between tables.
 */
export function sameTheme(heading: string, numberedTitle: string): boolean {
  const a = titleWords(heading);
  const b = titleWords(numberedTitle);
  const n = Math.min(3, a.length);
  if (n === 0 || b.length < n) return false;
  return a.slice(0, n).every((w, i) => w === b[i]);
}

/** The key a theme is found by in a later round: its number, or its words when it has none. */
export function themeKey(number: string | null, title: string): string {
  return number !== null ? `n:${number}` : `t:${titleWords(title).join(' ')}`;
}
