import type { PlanItemStatus } from '../../db/tables/delivery.ts';
import type { ParsedItem, ParsedPlan, ParsedTheme } from './parsedPlan.ts';
import { themeKey, titleWords } from './themeTitles.ts';

/*
 * What an import changes in a plan already stored: themes matched by number (or words when unnumbered), items by
 * theme, category, number and occurrence (so a list repeating "12" keeps both). Computed before anything is
 * written, so the import record can carry its summary and the writes follow. Pure.
 */

export interface StoredItem {
  id: number;
  wording: string;
  /** The latest update's text, null when there is none. */
  update: string | null;
  owner: ItemOwner;
  /** The status in force, null when none was ever set. */
  status: { status: PlanItemStatus; reason: string } | null;
}

export interface ItemOwner {
  person: string | null;
  agency: string | null;
  dueOn: string | null;
}

export interface StoredPlan {
  /** theme_key → theme id */
  themes: Map<string, number>;
  /** itemKey(theme_key, match_key) → item */
  items: Map<string, StoredItem>;
}

/** A matched item whose wording changed so much that a person should check it is the same action. */
export interface DoubtfulMatch {
  line: number;
  itemId: number;
  theme: string;
  number: string | null;
  storedWording: string;
  newWording: string;
  similarity: number;
}

export interface NewItem {
  themeKey: string;
  matchKey: string;
  /** The parent: an index into newItems, or a stored item's id. */
  parent: { newIndex: number } | { itemId: number } | null;
  position: number;
  item: ParsedItem;
}

export interface PlanChanges {
  newThemes: { key: string; theme: ParsedTheme; position: number }[];
  newItems: NewItem[];
  rewordings: { itemId: number; oldWording: string; wording: string }[];
  newUpdates: { itemId: number; body: string }[];
  /** Owners and due dates the document changes (only documents that name owners: Safer's template). */
  reassignments: { itemId: number; before: ItemOwner; after: ItemOwner }[];
  /** Statuses the document changes, each with its reason. */
  statusChanges: { itemId: number; status: PlanItemStatus; reason: string }[];
  doubtful: DoubtfulMatch[];
  matchedItems: number;
}

export const itemKey = (theme: string, match: string) => `${theme}\u0000${match}`;

// Below this share of words in common, "the same number" is not evidence enough of "the same action".
const DOUBTFUL_BELOW = 0.4;

/** Shared words over all words (Jaccard), ignoring words of one or two letters. */
export function wordingSimilarity(a: string, b: string): number {
  const words = (s: string) => new Set(titleWords(s).filter((w) => w.length > 2));
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

export function planChanges(parsed: ParsedPlan, stored: StoredPlan): PlanChanges {
  const changes: PlanChanges = {
    newThemes: [],
    newItems: [],
    rewordings: [],
    newUpdates: [],
    reassignments: [],
    statusChanges: [],
    doubtful: [],
    matchedItems: 0,
  };
  parsed.themes.forEach((theme, themeIndex) => {
    const tKey = themeKey(theme.number, theme.title);
    if (!stored.themes.has(tKey)) changes.newThemes.push({ key: tKey, theme, position: themeIndex + 1 });
    const seen = new Map<string, number>();
    let position = 0;
    const visit = (item: ParsedItem, parent: NewItem['parent']) => {
      const group = item.category === 'optional' ? 'o' : item.category === 'emerging' ? 'e' : 'c';
      const base = `${group}|${item.number ?? `w:${titleWords(item.wording).join(' ')}`}`;
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const matchKey = `${base}|${occurrence}`;
      position += 1;
      const existing = stored.items.get(itemKey(tKey, matchKey));
      let self: NewItem['parent'];
      if (existing) {
        changes.matchedItems += 1;
        self = { itemId: existing.id };
        if (existing.wording !== item.wording) {
          changes.rewordings.push({ itemId: existing.id, oldWording: existing.wording, wording: item.wording });
          const similarity = wordingSimilarity(existing.wording, item.wording);
          if (similarity < DOUBTFUL_BELOW)
            changes.doubtful.push({
              line: item.line,
              itemId: existing.id,
              theme: theme.title,
              number: item.number,
              storedWording: existing.wording,
              newWording: item.wording,
              similarity: Math.round(similarity * 100) / 100,
            });
        }
        if (item.update !== '' && item.update !== existing.update)
          changes.newUpdates.push({ itemId: existing.id, body: item.update });
        const o = item.owner;
        const was = existing.owner;
        if (o && (o.person !== was.person || o.agency !== was.agency || o.dueOn !== was.dueOn))
          changes.reassignments.push({ itemId: existing.id, before: was, after: o });
        const s = item.status;
        if (s && (s.status !== existing.status?.status || s.reason !== existing.status?.reason))
          changes.statusChanges.push({ itemId: existing.id, status: s.status, reason: s.reason });
      } else {
        self = { newIndex: changes.newItems.length };
        changes.newItems.push({ themeKey: tKey, matchKey, parent, position, item });
      }
      for (const child of item.children) visit(child, self);
    };
    for (const item of theme.items) visit(item, null);
  });
  return changes;
}

export const changesAnything = (c: PlanChanges) =>
  c.newThemes.length +
    c.newItems.length +
    c.rewordings.length +
    c.newUpdates.length +
    c.reassignments.length +
    c.statusChanges.length >
  0;
