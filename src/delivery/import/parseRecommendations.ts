import {
  type ParsedItem,
  type ParsedPlan,
  type ParsedTheme,
  PlanImportError,
  type UnplacedLine,
} from './parsedPlan.ts';

/*
 * A numbered recommendations list as needs assessments write it (seed 000): under a "Recommendations" heading,
 * group headings, then "12. Wording", sub-items " - a) Wording", and wording that runs on after a page break
 * ("…recent trauma" / "and loss, exposure…"). Numbers are kept as written: seed 000 uses "12" twice. Pure.
 */

const ITEM = /^(\d+)\.\s+(.*)$/;
const SUB_ITEM = /^\s*[-•*]?\s*\(?([a-z])\)\s+(.*)$/;
// "[the VAWG needs assessment](#)": a link to nowhere left by the export; its words are kept, the "(#)" is not.
const cleanText = (s: string) =>
  s
    .replace(/\[([^\]]*)\]\(#\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

export function parseRecommendations(text: string, file: string): ParsedPlan {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.every((l) => l.trim() === '')) throw new PlanImportError(file, 1, 'the file is empty');
  const start = listStart(lines);
  if (start === null)
    throw new PlanImportError(
      file,
      1,
      'no recommendations list found: expected a "Recommendations" heading followed by items numbered "1. …"',
    );
  const themes: ParsedTheme[] = [];
  const unplaced: UnplacedLine[] = [];
  let theme: ParsedTheme | null = null;
  let item: ParsedItem | null = null;
  let last: ParsedItem | null = null;
  for (let i = start.firstLine; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] ?? '';
    const textOf = cleanText(raw);
    if (textOf === '') continue;
    const numbered = ITEM.exec(textOf);
    const sub = SUB_ITEM.exec(raw);
    if (numbered) {
      // A list without group headings is one group, named after the list.
      if (!theme) {
        theme = { line, number: null, title: 'Recommendations', description: '', items: [] };
        themes.push(theme);
      }
      item = recommendation(line, numbered[1] ?? '', cleanText(numbered[2] ?? ''));
      theme.items.push(item);
      last = item;
    } else if (sub && item) {
      const child = recommendation(line, `${item.number} ${sub[1]})`, cleanText(sub[2] ?? ''));
      item.children.push(child);
      last = child;
    } else if (/^[a-z]/.test(textOf) && last) {
      // Wording that runs on after a page break starts in lower case.
      last.wording = `${last.wording} ${textOf}`;
    } else if (isGroupHeading(textOf, lines, i)) {
      theme = { line, number: null, title: textOf, description: '', items: [] };
      themes.push(theme);
      item = null;
      last = null;
    } else {
      unplaced.push({ line, text: textOf, reason: theme ? 'not a numbered recommendation' : 'before the first group' });
    }
  }
  const title = lines.map(cleanText).find((l) => l !== '') ?? 'Recommendations';
  const period =
    lines
      .slice(0, 20)
      .map(cleanText)
      .find((l) =>
        /^(January|February|March|April|May|June|July|August|September|October|November|December)?\s*20\d\d$/.test(l),
      ) ?? null;
  return { kind: 'recommendations', title, ownerAgency: null, period, themes, unplaced };
}

function recommendation(line: number, number: string, wording: string): ParsedItem {
  return {
    line,
    number,
    kind: 'recommendation',
    category: 'core',
    wording,
    oldWording: null,
    update: '',
    children: [],
  };
}

/** A short line without a closing full stop whose next non-blank line is a numbered item. */
function isGroupHeading(text: string, lines: string[], index: number): boolean {
  if (text.length > 150 || /[.:;]$/.test(text) || !/^[A-Z]/.test(text)) return false;
  const next = lines.slice(index + 1).find((l) => l.trim() !== '');
  return next !== undefined && ITEM.test(cleanText(next));
}

/**
 * Where the list starts: the line after the last "Recommendations" heading that is followed by an item "1. …"
 * (a summary earlier in the document may carry a heading of the same name over prose only).
 */
function listStart(lines: string[]): { firstLine: number } | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!/^\s*recommendations\s*$/i.test(lines[i] ?? '')) continue;
    const firstItem = lines.slice(i + 1).findIndex((l) => /^1\.\s/.test(l.trim()));
    if (firstItem < 0) continue;
    const itemIndex = i + 1 + firstItem;
    // Start at the group heading just above item 1 (skipping the introduction's paragraphs).
    let heading = itemIndex - 1;
    while (heading > i && (lines[heading] ?? '').trim() === '') heading--;
    return { firstLine: heading > i ? heading : itemIndex };
  }
  return null;
}
