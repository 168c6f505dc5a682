import type { Kind } from './urls.ts';

/**
 * What is known about one side's run that differs legitimately from the other's.
 * Nothing here is a figure: it is where and when the run happened.
 */
export interface RunFacts {
  /** The UTC days (YYYY-MM-DD) the side's demo import ran on: files without an extract date get that day. */
  importDays: readonly string[];
  /** The other side's import days: the import-day normalisation only acts when the two differ. */
  otherImportDays: readonly string[];
}

export interface Normalisation {
  name: string;
  /** Why this value may differ between two runs of the same code on the same data. */
  why: string;
  /** The kinds of answer it applies to (all when absent). */
  kinds?: readonly Kind[];
  /** The pattern (global) for a side; null when it has nothing to do on this run. */
  pattern: (facts: RunFacts) => RegExp | null;
  replacement: string;
}

const ISO_INSTANT = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-12-06" → the ways a page may write that day: ISO, "6 December 2026", "6 Dec 2026". */
function dayForms(day: string): string[] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = LONG_MONTHS[m - 1]!;
  return [day, `${d} ${month} ${y}`, `${d} ${month.slice(0, 3)} ${y}`];
}

/**
 * Everything normalised before two answers are compared: one list, each entry
 * saying why it may differ. Anything not listed must match byte for byte.
 * The summary prints how often each one acted on each side, so an entry that
 * hides more than it should is visible.
 */
export const NORMALISATIONS: readonly Normalisation[] = [
  {
    name: 'csrf-token',
    why: 'Each session has its own CSRF token (src/http/csrf.ts), in every form on a page, including sign-out.',
    kinds: ['html'],
    pattern: () => /(name="_csrf" value=")[^"]*(")/g,
    replacement: '$1CSRF$2',
  },
  {
    name: 'csp-nonce',
    why: 'A Content-Security-Policy nonce is new on every response. Safer sets none today; kept so a refactor that adds one is not reported as a changed figure.',
    kinds: ['html', 'svg'],
    pattern: () => /(\snonce=")[^"]*(")/g,
    replacement: '$1NONCE$2',
  },
  {
    name: 'asset-hash',
    why: 'A cache-busting hash on an asset URL changes when the asset file changes, which is not a figure. Safer serves assets without one today.',
    kinds: ['html'],
    pattern: () => /((?:href|src)="\/assets\/[^"?]+)\?v=[0-9A-Za-z_-]+(")/g,
    replacement: '$1?v=HASH$2',
  },
  {
    name: 'server-port',
    why: 'Each checkout’s server listens on its own free port, and absolute permalinks carry it: the Explorer’s permalink field and the Permalink note of CSV and XLSX downloads.',
    pattern: () => /(https?:\/\/(?:127\.0\.0\.1|localhost)):\d+/g,
    replacement: '$1:PORT',
  },
  {
    name: 'download-generated-at',
    why: 'CSV and XLSX downloads note the moment they were generated (exportNotes: "Generated", services.now()).',
    kinds: ['csv', 'xlsx'],
    pattern: () => new RegExp(String.raw`(\bGenerated\W{1,4})${ISO_INSTANT}`, 'g'),
    replacement: '$1GENERATED-AT',
  },
  {
    name: 'imported-at',
    why: 'When each import batch was written is the moment the demo build ran on that side (import_batch.imported_at): /api/v1/batches importedAt.',
    kinds: ['json'],
    pattern: () => new RegExp(`("importedAt":")${ISO_INSTANT}(")`, 'g'),
    replacement: '$1IMPORTED-AT$2',
  },
  {
    name: 'imported-at-page',
    why: 'A batch’s page shows when it was imported (the minute the demo build wrote it on that side): "Imported at" in src/views/pages/import.njk.',
    kinds: ['html'],
    pattern: () => /(Imported at\s*<\/dt>\s*<dd[^>]*>\s*)\d{4}-\d\d-\d\d \d\d:\d\d/g,
    replacement: '$1IMPORTED-AT',
  },
  {
    name: 'import-day',
    why: 'Files that carry no extract date are given the day they are imported (importFile.ts), so two demo builds either side of midnight UTC give different extract dates. Only acts when the two sides’ import days differ.',
    pattern: (facts) => {
      const mine = facts.importDays.filter((d) => !facts.otherImportDays.includes(d));
      const theirs = facts.otherImportDays.filter((d) => !facts.importDays.includes(d));
      if (mine.length === 0 && theirs.length === 0) return null;
      return new RegExp([...facts.importDays].flatMap(dayForms).map(escapeRegExp).join('|'), 'g');
    },
    replacement: 'IMPORT-DAY',
  },
];

export interface Normalised {
  text: string;
  /** How often each normalisation acted (by name). */
  hits: Map<string, number>;
}

/** Applies every normalisation for this kind of answer, counting what each changed. */
export function normalise(text: string, kind: Kind, facts: RunFacts): Normalised {
  const hits = new Map<string, number>();
  let out = text;
  for (const n of NORMALISATIONS) {
    if (n.kinds && !n.kinds.includes(kind)) continue;
    const pattern = n.pattern(facts);
    if (!pattern) continue;
    let count = 0;
    out = out.replace(pattern, (...args: unknown[]) => {
      count++;
      // Expand $1…$9 against this match's groups (a function replacer does not do it for us).
      const groups = args.slice(1, -2) as (string | undefined)[];
      return n.replacement.replace(/\$(\d)/g, (_, i: string) => groups[Number(i) - 1] ?? '');
    });
    if (count > 0) hits.set(n.name, count);
  }
  return { text: out, hits };
}
