import type { NarrativeBlock } from '../builtReport.ts';
import { fill, type FigureField, type PlaceField, tokenise, type Token } from '../template/placeholders.ts';
import { parseMarkdown } from './markdown.ts';

/** The numbers placeholders are filled with: place words, and per figure block the fields it offers. */
export interface NarrativeFacts {
  place: Record<PlaceField, string>;
  figures: ReadonlyMap<string, Partial<Record<FigureField, string>>>;
  /** Which fields each figure block offers (a placeholder asking for another is refused). */
  offers: ReadonlyMap<string, ReadonlySet<FigureField>>;
}

// Private-use characters: an author cannot usefully type them, and Markdown gives them no meaning.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * A narrative block's Markdown with its placeholders filled. Placeholders are swapped for sentinels before the
 * Markdown is read and filled inside the text afterwards, so a value such as a suppressed count's "*" is never
 * read as emphasis.
 */
export function renderNarrative(id: string, markdown: string, facts: NarrativeFacts): NarrativeBlock {
  const tokens = tokenise(id, markdown, facts.offers);
  const values: string[] = [];
  const marked = tokens
    .map((t: Token) => {
      if (t.kind === 'text') return t.text;
      values.push(fill([t], facts.place, facts.figures));
      return `${OPEN}${values.length - 1}${CLOSE}`;
    })
    .join('');
  const substitute = (text: string) =>
    text.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_m, i: string) => values[Number(i)] ?? '');
  return { kind: 'narrative', id, elements: parseMarkdown(id, marked, substitute) };
}

/** Checks a narrative without figures (on save): placeholders must name this report's figures and fields. */
export function checkNarrative(id: string, markdown: string, offers: NarrativeFacts['offers']): void {
  renderNarrative(id, markdown, {
    place: { area: '', period: '', compare: '', unavailable: '' },
    figures: new Map(),
    offers,
  });
}
