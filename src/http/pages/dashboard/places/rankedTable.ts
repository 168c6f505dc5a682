import type { AreaFigure as Figure } from '../../../../analysis/figureShapes.ts';
import { formatCount, formatRate } from '../../../../charts/svg.ts';

export type SortKey = 'rate' | 'count' | 'name';
export type SortDir = 'asc' | 'desc';

export interface RankedRow {
  rank: number;
  code: string;
  name: string;
  href: string;
  count: string;
  rate: string;
  interval: string;
  imdDecile: string | null;
}

export interface RankedHeader {
  key: SortKey;
  text: string;
  /** aria-sort value for the column sorted on; null for the others. */
  ariaSort: 'ascending' | 'descending' | null;
  /** A link that sorts by this column (the other way round when it is already sorted on). */
  href: string;
  numeric: boolean;
}

const DEFAULT_DIR: Record<SortKey, SortDir> = { rate: 'desc', count: 'desc', name: 'asc' };

/**
 * The ranked table of wards or LSOAs. Rank is always by rate (then count),
 * highest first, whatever the order shown; sorting is by links (no script).
 */
export function rankedTable(
  figures: readonly Figure[],
  args: {
    level: 'ward' | 'lsoa';
    sort: SortKey | undefined;
    dir: SortDir | undefined;
    hrefFor: (code: string) => string;
    sortHref: (sort: SortKey, dir: SortDir) => string;
  },
): { headers: RankedHeader[]; rows: RankedRow[]; sort: SortKey; dir: SortDir } {
  const hasRates = figures.some((f) => f.rate !== null);
  const sort = args.sort ?? (hasRates ? 'rate' : 'count');
  const dir = args.dir ?? DEFAULT_DIR[sort];
  const ranked = figures.slice().sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || (b.count ?? 0) - (a.count ?? 0));
  const rankOf = new Map(ranked.map((f, i) => [f, i + 1]));
  const name = (f: Figure) => f.group.name ?? f.group[args.level] ?? '';
  const compare = (a: Figure, b: Figure) =>
    sort === 'name'
      ? name(a).localeCompare(name(b), 'en-GB')
      : sort === 'count'
        ? (a.count ?? -1) - (b.count ?? -1) || name(a).localeCompare(name(b), 'en-GB')
        : (a.rate ?? -1) - (b.rate ?? -1) || (a.count ?? -1) - (b.count ?? -1);
  const ordered = figures.slice().sort((a, b) => (dir === 'asc' ? compare(a, b) : compare(b, a)));
  const rows = ordered.map((f) => {
    const code = f.group[args.level] ?? '';
    const decile = f.imdDecile;
    return {
      rank: rankOf.get(f) ?? 0,
      code,
      name: name(f),
      href: args.hrefFor(code),
      count: formatCount(f.count),
      rate: formatRate(f.rate),
      interval: f.lower !== null && f.upper !== null ? `${formatRate(f.lower)} to ${formatRate(f.upper)}` : 'n/a',
      imdDecile: args.level === 'lsoa' ? (typeof decile === 'number' ? String(decile) : 'not known') : null,
    };
  });
  const header = (key: SortKey, text: string, numeric: boolean): RankedHeader => {
    const active = key === sort;
    const next: SortDir = active ? (dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[key];
    return {
      key,
      text,
      numeric,
      ariaSort: active ? (dir === 'asc' ? 'ascending' : 'descending') : null,
      href: args.sortHref(key, next),
    };
  };
  return {
    headers: [
      header('name', args.level === 'ward' ? 'Ward' : 'LSOA', false),
      header('count', 'Count', true),
      header('rate', 'Rate per 1,000', true),
    ],
    rows,
    sort,
    dir,
  };
}
