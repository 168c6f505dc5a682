import type { BuiltReport, Inline, NarrativeElement } from '../builtReport.ts';

/*
 * The recommendations of a report, read from its built narrative: each one becomes a record the partnership's
 * delivery plan tracks by number (issue 17), so the number must not depend on how the author happened to number
 * the Markdown list ("2." under a second theme, or "1." again): they run 1, 2, 3 … through the report.
 */

export interface Recommendation {
  /** 1-based, in reading order across every theme. */
  number: number;
  theme: string;
  /** The item's words as plain text (emphasis and link targets dropped). */
  text: string;
  /** The narrative block the item was written in. */
  block: string;
}

/** The section whose ordered lists are recommendations (templates/sna.json's last section). */
export const RECOMMENDATIONS_SECTION = 'recommendations';
/** What a list is filed under when the only heading above it is "Recommendations" itself. */
export const GENERAL_THEME = 'General';

export const plainText = (content: readonly Inline[]): string =>
  content
    .map((c) => c.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

type Scope = 'none' | 'conclusions' | 'recommendations';

/** Headings that name the part of the section rather than a theme. */
function scopeNamed(text: string): Scope | null {
  const word = text.toLowerCase().replace(/[:.]$/, '');
  if (word === 'conclusions') return 'conclusions';
  if (word === 'recommendations') return 'recommendations';
  return null;
}

/** Every recommendation of a built report, numbered through the report. */
export function findRecommendations(report: Pick<BuiltReport, 'sections'>): Recommendation[] {
  const found: Recommendation[] = [];
  for (const section of report.sections) {
    if (section.id !== RECOMMENDATIONS_SECTION) continue;
    // Headings carry over between the section's narrative blocks: a theme may be split across blocks.
    let scope: Scope = 'none';
    let theme: string | null = null;
    for (const block of section.blocks) {
      if (block.kind !== 'narrative') continue;
      for (const element of block.elements) {
        if (element.kind === 'heading') [scope, theme] = afterHeading(element, scope, theme);
        else if (element.kind === 'list' && element.ordered && scope === 'recommendations' && theme !== null)
          for (const item of element.items) {
            const text = plainText(item);
            if (text !== '') found.push({ number: found.length + 1, theme, text, block: block.id });
          }
      }
    }
  }
  return found;
}

/**
 * A "Conclusions" heading starts words that recommend nothing (its lists are findings); a "Recommendations"
 * heading starts the general ones; any other heading names a theme, unless it is a sub-heading of the conclusions.
 */
function afterHeading(
  heading: Extract<NarrativeElement, { kind: 'heading' }>,
  scope: Scope,
  theme: string | null,
): [Scope, string | null] {
  const text = plainText(heading.content);
  // "### " alone reads as an empty heading: it names no theme, so the one before still holds.
  if (text === '') return [scope, theme];
  const named = scopeNamed(text);
  if (named === 'conclusions') return ['conclusions', null];
  if (named === 'recommendations') return ['recommendations', GENERAL_THEME];
  if (heading.level === 4 && scope === 'conclusions') return [scope, theme];
  return ['recommendations', text];
}
