/**
 * The fixed list of requests scripts/compare-figures.ts sends to both checkouts.
 * Chosen to touch every figure the demo can produce: every dashboard page with a
 * spread of areas (boroughs, wards of two vintages, an LSOA, London), periods
 * (financial years, rolling 12 months, quarters, a month, a range), what is
 * counted (each definition in definitions/ and MPS categories) and breakdowns;
 * the Explorer at every breakdown in src/analysis/request.ts with its CSV, XLSX,
 * SVG and PNG downloads; the JSON API at every breakdown and option, including
 * answers that are refusals (400, 404, 422), which must stay the same too.
 * Never change this list in the same commit as a refactor it is meant to check.
 */

/** How an answer is compared: text byte for byte (after normalising), JSON also by path, XLSX by cell values. */
export type Kind = 'html' | 'csv' | 'svg' | 'png' | 'xlsx' | 'json';

/** Who asks: a session cookie from the sign-in form (pages, downloads) or an API token (the JSON API). */
export type Via = 'session' | 'token';

export interface Probe {
  path: string;
  kind: Kind;
  via: Via;
}

export interface Reader {
  email: string;
  /** Why this reader is in the comparison. */
  why: string;
  /** 'full': every probe; 'core': the pages, the API and a sample of downloads (403 for a viewer). */
  set: 'full' | 'core';
}

/**
 * Demo users (src/demo/demoUsers.ts). No demo user reads everything: partner police
 * records are personal data of the police, A&E records personal data of health
 * (READ_RULES in src/auth/policy.ts). So three readers, one per way figures are released.
 */
export const READERS: readonly Reader[] = [
  {
    email: 'owner@police.demo',
    why: 'police data owner: reads the SYNTHETIC partner police records directly (no disclosure control on them); may export',
    set: 'full',
  },
  {
    email: 'analyst@council.demo',
    why: 'council analyst: partner figures only as aggregates under the owner’s disclosure control; may export',
    set: 'full',
  },
  {
    email: 'viewer@probation.demo',
    why: 'board member (viewer): disclosure-controlled figures, no exports (downloads answer 403)',
    set: 'core',
  },
];

// Areas (GSS codes as the demo data holds them).
const TOWER_HAMLETS = 'E09000030';
const HACKNEY = 'E09000012';
const NEWHAM = 'E09000025';
const WESTMINSTER = 'E09000033'; // a London borough outside the partnership: MPS counts only
const LONDON = 'E12000007';
const WHITECHAPEL = 'E05009336'; // Tower Hamlets ward, 2025 vintage
const CANARY_WHARF = 'E05009323';
const DALSTON = 'E05009370'; // Hackney ward
const STRATFORD = 'E05000492'; // Newham ward, 2018 vintage (the boundaries file's wards)
const LSOA = 'E01004198'; // Tower Hamlets 002B

/** Every definition in definitions/. */
const DEFINITIONS = [
  'knife-crime-with-injury',
  'knife-crime',
  'knife-injury-victims-1-24',
  'serious-violence-under-25',
  'serious-youth-violence-2021-24',
  'serious-violence-duty-tower-hamlets',
  'domestic-abuse',
] as const;

/** Every breakdown (DIMENSIONS in src/analysis/request.ts, in its order). */
const DIMENSIONS = [
  'none',
  'month',
  'quarter',
  'financial-year',
  'category',
  'borough',
  'ward',
  'lsoa',
  'rank',
  'hour-weekday',
  'hour',
  'weekday',
  'after-school',
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
  'victim-suspect-overlap',
  'repeat-victimisation',
  'outcome',
  'ethnicity',
  'age',
  'sex',
  'object',
  'grid',
  'kde',
  'cost',
  'emerging-hotspots',
  'near-repeat',
] as const;

/** The last month police.uk street and stop-and-search files in demo-data/ hold is Feb 2025. */
const POLICE_UK_12 = '12 months to Feb 2025';

/** Breakdowns of police.uk stop and search records. */
const STOP_SEARCH_DIMENSIONS = new Set<string>(['outcome', 'ethnicity', 'age', 'sex', 'object']);
/** Breakdowns of points: police.uk street records (burglary in the demo). */
const POINT_DIMENSIONS = new Set<string>(['grid', 'kde', 'emerging-hotspots', 'near-repeat']);
/** Breakdowns of partner police records (SYNTHETIC in the demo). */
const PARTNER_DIMENSIONS = new Set<string>([
  'hour-weekday',
  'hour',
  'weekday',
  'after-school',
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
  'victim-suspect-overlap',
  'repeat-victimisation',
]);

/** A path with its query string; empty values are left out, as the pages' own links do. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const qs = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
  return qs ? `${path}?${qs}` : path;
}

type Params = Record<string, string | undefined>;

const page = (path: string, params?: Params): Probe => ({ path: href(path, params), kind: 'html', via: 'session' });
const api = (path: string, params?: Params): Probe => ({ path: href(path, params), kind: 'json', via: 'token' });

function overviewProbes(): Probe[] {
  const periods = ['2023/24', '2024/25', '2025/26', '12 months to Aug 2025', '2024/25 Q3', '2025-11'];
  return [
    page('/dashboard'),
    ...periods.map((period) => page('/dashboard', { period })),
    ...[HACKNEY, NEWHAM, WESTMINSTER, LONDON, WHITECHAPEL, DALSTON, STRATFORD, LSOA].map((area) =>
      page('/dashboard', { area }),
    ),
    page('/dashboard', { area: HACKNEY, period: '2024/25' }),
    page('/dashboard', { period: '2024/25', compare: '2022/23' }),
    page('/dashboard', { period: '2025/26', baseline: '2023/24' }),
  ];
}

function trendsProbes(): Probe[] {
  const whats: Params[] = [
    {},
    { definition: 'serious-violence-duty-tower-hamlets' },
    { definition: 'domestic-abuse' },
    { category: 'ROBBERY' },
    { category: 'Total notifiable offences' },
  ];
  return [
    ...whats.flatMap((what) =>
      ['', 'quarter', 'financial-year'].map((by) => page('/dashboard/trends', { ...what, by })),
    ),
    page('/dashboard/trends', { definition: 'knife-crime', area: HACKNEY }),
    page('/dashboard/trends', { area: WHITECHAPEL }),
    page('/dashboard/trends', { area: NEWHAM, by: 'quarter' }),
    page('/dashboard/trends', { compareArea: HACKNEY }),
    page('/dashboard/trends', { category: 'VIOLENCE AGAINST THE PERSON', compareArea: LONDON }),
    page('/dashboard/trends', { period: '2023-03 to 2026-02' }),
    page('/dashboard/trends', { period: '2024/25', baseline: '2023/24' }),
    page('/dashboard/trends', { definition: 'serious-violence-under-25', area: WESTMINSTER }),
  ];
}

function placesProbes(): Probe[] {
  return [
    page('/dashboard/places'),
    page('/dashboard/places', { level: 'lsoa' }),
    page('/dashboard/places', { measure: 'count' }),
    page('/dashboard/places', { level: 'lsoa', measure: 'count', sort: 'count', dir: 'desc' }),
    page('/dashboard/places', { what: 'definition:knife-crime' }),
    page('/dashboard/places', { what: 'definition:serious-violence-duty-tower-hamlets', level: 'lsoa' }),
    page('/dashboard/places', { what: 'category:ROBBERY' }),
    page('/dashboard/places', { what: 'category:BURGLARY', hotspot: 'grid' }),
    page('/dashboard/places', { level: 'lsoa', overlay: 'deprived-10' }),
    page('/dashboard/places', { overlay: 'none', hotspot: 'areas', sort: 'name', dir: 'asc' }),
    page('/dashboard/places', { area: HACKNEY }),
    page('/dashboard/places', { area: NEWHAM, level: 'lsoa' }),
    page('/dashboard/places', { period: '2024/25' }),
    page('/dashboard/places', { period: '2025/26 Q2', what: 'definition:knife-crime-with-injury' }),
    page('/dashboard/places', { definition: 'domestic-abuse' }),
  ];
}

function timeProbes(): Probe[] {
  return [
    page('/dashboard/time'),
    ...DEFINITIONS.map((definition) => page('/dashboard/time', { definition })),
    page('/dashboard/time', { category: 'VIOLENCE AGAINST THE PERSON' }),
    page('/dashboard/time', { area: HACKNEY }),
    page('/dashboard/time', { area: WHITECHAPEL }),
    page('/dashboard/time', { period: '2024/25' }),
    page('/dashboard/time', { period: '2025/26 Q2', source: 'police-uk-street' }),
  ];
}

function peopleProbes(): Probe[] {
  return [
    page('/dashboard/people'),
    ...DEFINITIONS.map((definition) => page('/dashboard/people', { definition })),
    page('/dashboard/people', { period: '2024/25' }),
    page('/dashboard/people', { period: '2025/26 Q2' }),
    page('/dashboard/people', { area: HACKNEY }),
    page('/dashboard/people', { area: NEWHAM, period: '2024/25' }),
    page('/dashboard/people', { area: CANARY_WHARF }),
  ];
}

/** Something each breakdown can be computed for on the demo data (what is counted, and a period the source holds). */
function whatFor(by: string): Params {
  if (STOP_SEARCH_DIMENSIONS.has(by)) return { category: 'stop and search', period: POLICE_UK_12 };
  if (POINT_DIMENSIONS.has(by)) return { category: 'Burglary', period: POLICE_UK_12 };
  if (PARTNER_DIMENSIONS.has(by)) return { definition: 'serious-violence-duty-tower-hamlets' };
  return { definition: 'knife-crime' };
}

function explorerProbes(): Probe[] {
  return [
    page('/explorer'),
    ...DIMENSIONS.map((by) => page('/explorer', { ...whatFor(by), area: TOWER_HAMLETS, by })),
    ...['none', 'month', 'ward', 'lsoa', 'category', 'cost'].map((by) =>
      page('/explorer', { category: 'Total notifiable offences', area: TOWER_HAMLETS, by }),
    ),
    ...DEFINITIONS.map((definition) => page('/explorer', { definition, by: 'none', period: '2024/25' })),
    page('/explorer', { definition: 'knife-crime', area: HACKNEY, by: 'ward', period: '2024/25' }),
    page('/explorer', { category: 'VIOLENCE AGAINST THE PERSON', area: WHITECHAPEL, by: 'month', period: '2024/25' }),
    page('/explorer', { definition: 'knife-crime', area: LONDON, by: 'borough' }),
    page('/explorer', { category: 'ROBBERY', area: WESTMINSTER, by: 'quarter', period: '2023-04 to 2026-02' }),
    page('/explorer', {
      category: 'BURGLARY',
      area: NEWHAM,
      by: 'grid',
      source: 'police-uk-street',
      period: '2024/25',
    }),
    page('/explorer', { definition: 'serious-violence-duty-tower-hamlets', area: HACKNEY, by: 'victim-age' }),
    page('/explorer', { definition: 'domestic-abuse', by: 'none', compare: '2023/24', period: '2025/26' }),
  ];
}

/** Explorer queries whose downloads are compared (CSV bytes, XLSX cell values, SVG bytes, PNG bytes). */
const DOWNLOADS: Params[] = [
  { definition: 'knife-crime-with-injury', area: TOWER_HAMLETS, by: 'month' },
  { definition: 'knife-crime', area: TOWER_HAMLETS, by: 'none' },
  { definition: 'knife-crime', area: TOWER_HAMLETS, by: 'ward' },
  { definition: 'knife-crime', area: TOWER_HAMLETS, by: 'lsoa' },
  { definition: 'knife-crime', area: TOWER_HAMLETS, by: 'rank', period: '2024/25' },
  { category: 'Total notifiable offences', area: HACKNEY, by: 'category' },
  { category: 'ROBBERY', area: NEWHAM, by: 'quarter' },
  { definition: 'serious-violence-duty-tower-hamlets', area: TOWER_HAMLETS, by: 'hour-weekday' },
  { definition: 'serious-violence-duty-tower-hamlets', area: TOWER_HAMLETS, by: 'victim-age' },
  { definition: 'serious-violence-duty-tower-hamlets', area: TOWER_HAMLETS, by: 'suspect-ethnicity' },
  { definition: 'serious-violence-duty-tower-hamlets', area: TOWER_HAMLETS, by: 'repeat-victimisation' },
  { definition: 'knife-crime', area: TOWER_HAMLETS, by: 'cost' },
];

function downloadProbes(): Probe[] {
  return [
    ...DOWNLOADS.flatMap((q): Probe[] => [
      { path: href('/explorer/download.csv', q), kind: 'csv', via: 'session' },
      { path: href('/explorer/download.xlsx', q), kind: 'xlsx', via: 'session' },
    ]),
    ...DOWNLOADS.slice(0, 6).map((q): Probe => ({ path: href('/explorer/chart.svg', q), kind: 'svg', via: 'session' })),
    ...DOWNLOADS.slice(0, 2).map((q): Probe => ({ path: href('/explorer/chart.png', q), kind: 'png', via: 'session' })),
    // Import batches by id (ids follow the demo's import order): a public borough file; the SYNTHETIC partner police
    // extract (personal: never exported); an A&E extract (health's: not found for anyone else).
    ...[15, 33, 34].map((id): Probe => ({ path: `/data/imports/${id}/export.csv`, kind: 'csv', via: 'session' })),
  ];
}

function dataProbes(): Probe[] {
  return [page('/start'), page('/data/imports'), ...[1, 11, 15, 25, 33, 34].map((id) => page(`/data/imports/${id}`))];
}

/** The default page period written out: the API has no default. */
const LATEST_12 = '12 months to Feb 2026';

function apiProbes(): Probe[] {
  const analysis = (params: Params) => api('/api/v1/analysis', { area: TOWER_HAMLETS, period: LATEST_12, ...params });
  return [
    api('/api/v1/me'),
    api('/api/v1/openapi.json'),
    api('/api/v1/batches'),
    ...[1, 15, 33, 34].map((id) => api(`/api/v1/batches/${id}`)),
    ...[15, 33].map((id) => api(`/api/v1/batches/${id}/counts`)),
    // Every breakdown, each with something it can be computed for.
    ...DIMENSIONS.map((by) => analysis({ ...whatFor(by), by })),
    // Every definition's headline figure with benchmark and change.
    ...DEFINITIONS.map((definition) => analysis({ definition })),
    // Categories, areas, periods.
    analysis({ category: 'Total notifiable offences', by: 'month' }),
    analysis({ category: 'ROBBERY', by: 'ward', area: HACKNEY }),
    analysis({ category: 'VIOLENCE AGAINST THE PERSON', by: 'rank', period: '2024/25' }),
    analysis({ category: 'VIOLENCE AGAINST THE PERSON', area: WHITECHAPEL, by: 'month', period: '2024/25' }),
    analysis({ category: 'ROBBERY', area: LSOA, period: '2024/25' }),
    analysis({ definition: 'knife-crime', area: LONDON, by: 'borough' }),
    analysis({ definition: 'knife-crime', area: WESTMINSTER, by: 'quarter', period: '2023/24' }),
    analysis({ definition: 'serious-violence-duty-tower-hamlets', area: NEWHAM, by: 'victim-age' }),
    analysis({ definition: 'knife-crime', period: '2025/26 Q2', compare: '2024/25 Q2' }),
    analysis({ definition: 'knife-crime', period: '2025/26', baseline: '2023/24' }),
    // Each source asked for by name, an as-of date, confidence, cell size, reference group.
    analysis({ category: 'VIOLENCE AGAINST THE PERSON', by: 'month', source: 'mps-borough' }),
    analysis({ category: 'VIOLENCE AGAINST THE PERSON', by: 'ward', source: 'mps-ward', period: '2024/25' }),
    analysis({ definition: 'knife-crime', by: 'month', source: 'mps-dashboard' }),
    analysis({ definition: 'domestic-abuse', by: 'month' }),
    analysis({ category: 'Burglary', by: 'lsoa', source: 'police-uk-street', period: POLICE_UK_12 }),
    analysis({ category: 'stop and search', by: 'month', source: 'police-uk-stop-search', period: POLICE_UK_12 }),
    analysis({ definition: 'serious-violence-duty-tower-hamlets', by: 'month', source: 'partner-police' }),
    analysis({ category: 'VIOLENCE AGAINST THE PERSON', source: 'mps-borough', period: '2023/24', asOf: '2025-06-30' }),
    analysis({ definition: 'knife-crime', confidence: '0.998' }),
    analysis({ category: 'Burglary', by: 'grid', cellSize: '500', period: POLICE_UK_12 }),
    analysis({ category: 'stop and search', by: 'ethnicity', reference: 'white', period: POLICE_UK_12 }),
    analysis({ definition: 'serious-violence-duty-tower-hamlets', by: 'victim-ethnicity', reference: 'white' }),
    // Refusals: their status and message are answers too.
    analysis({ definition: 'no-such-definition' }),
    analysis({ definition: 'knife-crime', period: '1990/91' }),
    analysis({ definition: 'knife-crime', area: 'Atlantis' }),
    analysis({ definition: 'knife-crime-with-injury', area: STRATFORD }),
    analysis({ definition: 'knife-crime', by: 'month', source: 'mps-ward' }),
    api('/api/v1/analysis', { definition: 'knife-crime', area: TOWER_HAMLETS }),
  ];
}

/** Every probe a reader sends, in a fixed order. */
export function probesFor(reader: Reader): Probe[] {
  const pages = [
    ...overviewProbes(),
    ...trendsProbes(),
    ...placesProbes(),
    ...timeProbes(),
    ...peopleProbes(),
    ...explorerProbes(),
    ...dataProbes(),
  ];
  const downloads = downloadProbes();
  return [...pages, ...(reader.set === 'full' ? downloads : downloads.filter((_, i) => i % 4 === 0)), ...apiProbes()];
}
