import { sql } from 'kysely';
import { dataVersion } from '../../../release/dataVersion.ts';
import { addMonths, formatMonth, monthParts } from '../../../domain/periods/month.ts';
import { calendarYear, financialYear } from '../../../domain/periods/period.ts';
import type { Services } from '../../../services.ts';
import type { ResolvedFilters } from './dashboardQuery.ts';

export interface FilterOption {
  value: string;
  text: string;
}
export interface FilterGroup {
  label: string;
  options: FilterOption[];
}

/** What the shared filter form (partials/dashboardFilters.njk) offers; the same for every reader. */
export interface FilterOptions {
  /** London, the boroughs, and the wards of the partnership's borough, as select groups. */
  areaGroups: FilterGroup[];
  /** Latest 12 months, each complete financial and calendar year held (newest first). */
  periodGroups: FilterGroup[];
  latestMonth: string;
}

/**
 * The options lists depend only on the data, so they are built once per data
 * version (a new import or an undo changes it). Keyed by the database object
 * as well, because two test databases can share a version string.
 */
const cache = new WeakMap<object, { version: string; options: Promise<FilterOptions> }>();

export async function filterOptions(services: Services): Promise<FilterOptions> {
  const version = await dataVersion(services.db);
  const hit = cache.get(services.db);
  if (hit && hit.version === version) return hit.options;
  const options = buildFilterOptions(services);
  cache.set(services.db, { version, options });
  options.catch(() => cache.delete(services.db));
  return options;
}

async function buildFilterOptions(services: Services): Promise<FilterOptions> {
  const partnership = services.config.partnershipArea;
  const [areas, span] = await Promise.all([
    services.db
      .selectFrom('area')
      .select(['code', 'name', 'type', 'parent_code'])
      .where((eb) =>
        eb.or([
          eb('type', 'in', ['region', 'borough']),
          eb.and([eb('type', '=', 'ward'), eb('parent_code', '=', partnership)]),
        ]),
      )
      .orderBy('name')
      .execute(),
    // The months the borough counts hold: the source behind most headline figures.
    services.db
      .selectFrom('count_slice')
      .select([
        sql<string | null>`to_char(min(month), 'YYYY-MM')`.as('first'),
        sql<string | null>`to_char(max(month), 'YYYY-MM')`.as('last'),
      ])
      .where('series', 'like', 'mps-borough/%')
      .where('superseded_by', 'is', null)
      .executeTakeFirst(),
  ]);
  const option = (a: { code: string; name: string }): FilterOption => ({ value: a.code, text: a.name });
  const home = areas.find((a) => a.code === partnership);
  const areaGroups: FilterGroup[] = [
    { label: 'London', options: areas.filter((a) => a.type === 'region').map(option) },
    { label: 'London boroughs', options: areas.filter((a) => a.type === 'borough').map(option) },
    {
      label: `${home?.name ?? 'Partnership borough'} wards`,
      options: areas.filter((a) => a.type === 'ward').map(option),
    },
  ].filter((g) => g.options.length > 0);

  const last = span?.last ?? new Date().toISOString().slice(0, 7);
  const first = span?.first ?? last;
  return { areaGroups, periodGroups: periodGroups(first, last), latestMonth: last };
}

/** Only complete years are offered: a part year would look like a fall. */
export function periodGroups(first: string, last: string): FilterGroup[] {
  const latest = [`12 months to ${formatMonth(last)}`, `12 months to ${formatMonth(addMonths(last, -12))}`].map(
    (label) => ({ value: label, text: label }),
  );
  const financial: FilterOption[] = [];
  const calendar: FilterOption[] = [];
  const { year: lastYear } = monthParts(last);
  for (let y = lastYear; y >= monthParts(first).year - 1; y -= 1) {
    const fy = financialYear(y);
    if (fy.start >= first && fy.end <= last) financial.push({ value: fy.label, text: `Financial year ${fy.label}` });
    const cy = calendarYear(y);
    if (cy.start >= first && cy.end <= last) calendar.push({ value: cy.label, text: `Calendar year ${cy.label}` });
  }
  return [
    { label: 'Latest', options: latest },
    { label: 'Financial years (April to March)', options: financial },
    { label: 'Calendar years', options: calendar },
  ].filter((g) => g.options.length > 0);
}

/**
 * The form's view model: option groups with the current choice selected. An
 * area or period chosen by link or typed by hand that is not in the lists is
 * added as its own group, so the selects always show what the page shows.
 * `keep` holds the page's other query values, carried by the typed-period form.
 */
export function filterFormModel(
  options: FilterOptions,
  filters: ResolvedFilters,
  query: Readonly<Record<string, unknown>>,
  action: string,
) {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const mark = (groups: FilterGroup[], current: string) =>
    groups.map((g) => ({
      label: g.label,
      options: g.options.map((o) => ({ ...o, selected: same(o.value, current) })),
    }));
  const known = (groups: FilterGroup[], value: string) =>
    groups.some((g) => g.options.some((o) => same(o.value, value)));
  const withChosen = (groups: FilterGroup[], value: string | undefined, text = value) =>
    value && !known(groups, value)
      ? [{ label: 'Chosen', options: [{ value, text: text ?? value }] }, ...groups]
      : groups;
  const compare = typeof query.compare === 'string' ? query.compare : '';
  const keep = Object.entries(query)
    .filter(
      (e): e is [string, string] =>
        typeof e[1] === 'string' && e[1] !== '' && !['area', 'period', 'compare'].includes(e[0]),
    )
    .map(([name, value]) => ({ name, value }));
  return {
    action,
    areaGroups: mark(withChosen(options.areaGroups, filters.area.code, filters.area.name), filters.area.code),
    periodGroups: mark(withChosen(options.periodGroups, filters.period), filters.period),
    compareGroups: mark(withChosen(options.periodGroups, compare), compare),
    period: filters.period,
    compare,
    defaultCompare: filters.compare,
    keep,
  };
}
export type FilterFormModel = ReturnType<typeof filterFormModel>;

/** Everything the filter partial needs, in one call: `{{ dashboardFilters(filters, filterForm) }}`. */
export async function filterForm(
  services: Services,
  filters: ResolvedFilters,
  query: Readonly<Record<string, unknown>>,
  action: string,
): Promise<FilterFormModel> {
  return filterFormModel(await filterOptions(services), filters, query, action);
}
