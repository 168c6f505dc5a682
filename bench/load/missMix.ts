/**
 * The dashboard's cache-miss mix: what 50 people browsing London at once
 * ask for. Each connection gets its own list of paths, shuffled with a fixed
 * seed: POPULAR_SHARE of them from a small popular set (the three
 * partnership boroughs' default pages, cold at the start and then shared),
 * the rest drawn without replacement from area × period × what × page over
 * the 33 London boroughs (E09000001 City of London, E09000002–E09000033 the
 * MPS boroughs), so each of those is asked once in the whole run and misses
 * both the page cache and the result cache unless another page already
 * computed the same figure.
 */

export const LONDON_BOROUGHS = Array.from({ length: 33 }, (_, i) => `E09${String(i + 1).padStart(6, '0')}`);
const PARTNERSHIP_BOROUGHS = ['E09000030', 'E09000012', 'E09000025'];

/** Financial years, rolling 12 months and quarters the demo data covers (MPS counts to Feb 2026); '' = the default, latest 12 months. */
export const PERIODS = [
  '',
  '2022/23',
  '2023/24',
  '2024/25',
  '2025/26',
  '12 months to Feb 2026',
  '12 months to Nov 2025',
  '12 months to Aug 2025',
  '12 months to Feb 2025',
  '2024/25 Q1',
  '2024/25 Q2',
  '2024/25 Q3',
  '2024/25 Q4',
  '2025/26 Q1',
  '2025/26 Q2',
  '2025/26 Q3',
];

/** The serious-violence definitions in definitions/ and the MPS categories the Places page offers. */
export const DEFINITIONS = [
  'knife-crime-with-injury',
  'knife-crime',
  'knife-injury-victims-1-24',
  'serious-violence-under-25',
  'serious-youth-violence-2021-24',
  'serious-violence-duty-tower-hamlets',
  'domestic-abuse',
];
export const CATEGORIES = [
  'VIOLENCE AGAINST THE PERSON',
  'ROBBERY',
  'SEXUAL OFFENCES',
  'POSSESSION OF WEAPONS',
  'BURGLARY',
  'Total notifiable offences',
];
const WHATS = [...DEFINITIONS.map((d) => ({ definition: d })), ...CATEGORIES.map((c) => ({ category: c }))];

type Params = Record<string, string>;
const href = (path: string, params: Params) => {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return qs ? `${path}?${qs}` : path;
};

/** Pages of the mix with their weight (share of tail requests) and the query strings they are asked with. */
export const PAGES: { name: string; weight: number; paths: (area: string, period: string) => string[] }[] = [
  { name: 'overview', weight: 1, paths: (area, period) => [href('/dashboard', { area, period })] },
  {
    name: 'trends',
    weight: 2,
    paths: (area, period) =>
      WHATS.flatMap((w) => ['', 'quarter'].map((by) => href('/dashboard/trends', { area, period, ...w, by }))),
  },
  {
    name: 'places',
    weight: 2,
    paths: (area, period) =>
      WHATS.flatMap((w) => ['', 'lsoa'].map((level) => href('/dashboard/places', { area, period, ...w, level }))),
  },
  {
    name: 'time',
    weight: 1,
    paths: (area, period) => DEFINITIONS.map((definition) => href('/dashboard/time', { area, period, definition })),
  },
  {
    name: 'people',
    weight: 1,
    paths: (area, period) => DEFINITIONS.map((definition) => href('/dashboard/people', { area, period, definition })),
  },
  {
    name: 'explorer',
    weight: 2,
    paths: (area, period) =>
      WHATS.flatMap((w) =>
        ['month', 'quarter', 'none', 'ward', 'category', 'rank'].map((by) =>
          href('/explorer', { ...w, area, period, by }),
        ),
      ),
  },
  {
    name: 'api',
    weight: 2,
    paths: (area, period) =>
      WHATS.flatMap((w) =>
        ['none', 'month', 'ward'].map((by) =>
          // The API needs a period: the default page period written out.
          href('/api/v1/analysis', { ...w, area, period: period || '12 months to Feb 2026', by }),
        ),
      ),
  },
];

/** Which page of the mix a path belongs to. */
export const pageOf = (path: string) =>
  path.startsWith('/api/')
    ? 'api'
    : path.startsWith('/explorer')
      ? 'explorer'
      : (/^\/dashboard\/(\w+)/.exec(path)?.[1] ?? 'overview');

/** Share of requests drawn from the small popular set; the rest are asked once. */
export const POPULAR_SHARE = 0.3;
export const POPULAR = PARTNERSHIP_BOROUGHS.flatMap((area) => [
  `/dashboard?area=${area}`,
  `/dashboard/trends?area=${area}`,
  `/dashboard/places?area=${area}`,
  `/dashboard/people?area=${area}`,
  `/explorer?area=${area}&definition=knife-crime&by=month`,
]);

/** mulberry32: a small seeded generator, so every run asks the same questions in the same order. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * One list of paths per connection, each `perConnection` long; `only` (page names) narrows the tail and the
 * popular set to some pages, to see what the others cost without them (SAFER_BENCH_MISS_PAGES).
 */
export function missMix(connections: number, perConnection: number, seed = 2026, only?: readonly string[]): string[][] {
  const random = seeded(seed);
  const pages = only ? PAGES.filter((p) => only.includes(p.name)) : PAGES;
  const popular = only ? POPULAR.filter((path) => only.includes(pageOf(path))) : POPULAR;
  const pools = pages.map((p) =>
    shuffle(
      LONDON_BOROUGHS.flatMap((area) => PERIODS.flatMap((period) => p.paths(area, period))),
      random,
    ),
  );
  const totalWeight = pages.reduce((n, p) => n + p.weight, 0);
  const pickPage = () => {
    let r = random() * totalWeight;
    for (const [i, p] of pages.entries()) if ((r -= p.weight) < 0) return i;
    return pages.length - 1;
  };
  return Array.from({ length: connections }, () =>
    Array.from({ length: perConnection }, () => {
      if (popular.length > 0 && random() < POPULAR_SHARE) return popular[Math.floor(random() * popular.length)]!;
      // A page whose distinct paths are used up hands over to the next one that has some left.
      const first = pickPage();
      for (let i = 0; i < pages.length; i++) {
        const path = pools[(first + i) % pages.length]!.pop();
        if (path !== undefined) return path;
      }
      throw new Error('miss mix: no distinct paths left; lower perConnection');
    }),
  );
}

/** A few tail paths per page that no list holds, asked one at a time on the idle app: what a miss costs without a queue. */
export function probePaths(perPage: number, lists: readonly string[][], only?: readonly string[], seed = 7) {
  const held = new Set(lists.flat());
  const random = seeded(seed);
  return (only ? PAGES.filter((p) => only.includes(p.name)) : PAGES).flatMap((p) =>
    shuffle(
      LONDON_BOROUGHS.flatMap((area) => PERIODS.flatMap((period) => p.paths(area, period))),
      random,
    )
      .filter((path) => !held.has(path))
      .slice(0, perPage),
  );
}
