import { z } from 'zod';
import { DIMENSIONS, SOURCES, type AnalysisRequestInput, type Dimension } from '../../../../analysis/request.ts';
import { SOURCE_INFO } from '../../../../analysis/sources.ts';
import type { Definition } from '../../../../domain/definitions/definitionSchema.ts';
import { parsePeriod } from '../../../../domain/periods/parsePeriod.ts';
import { samePeriodLastYear } from '../../../../domain/periods/period.ts';
import { DashboardQuery, hrefWith, type ResolvedFilters } from '../dashboardQuery.ts';

const empty = z.literal('').transform(() => undefined);

/** The Explorer's query string: the dashboard's filters (same names, so the Overview can link here) plus the breakdown. */
export const ExplorerQuery = DashboardQuery.extend({
  by: z.enum(DIMENSIONS).optional().or(empty),
});
export type ExplorerQuery = z.infer<typeof ExplorerQuery>;

/** What the Explorer shows before anything is chosen: a monthly series of knife crime with injury. */
export const DEFAULT_DEFINITION = 'knife-crime-with-injury';
export const DEFAULT_BY: Dimension = 'month';

/** Every breakdown, grouped as people look for them. A test checks no DIMENSION is missing. */
export const BY_GROUPS: readonly { label: string; options: readonly { value: Dimension; text: string }[] }[] = [
  { label: 'No breakdown', options: [{ value: 'none', text: 'Headline figure with benchmark and change' }] },
  {
    label: 'Over time',
    options: [
      { value: 'month', text: 'Month' },
      { value: 'quarter', text: 'Quarter' },
      { value: 'financial-year', text: 'Financial year' },
    ],
  },
  {
    label: 'Place',
    options: [
      { value: 'borough', text: 'Borough' },
      { value: 'ward', text: 'Ward' },
      { value: 'lsoa', text: 'LSOA (with deprivation decile)' },
      { value: 'rank', text: 'London boroughs ranked' },
      { value: 'grid', text: 'Hotspot grid (Getis-Ord Gi*)' },
      { value: 'kde', text: 'Kernel density surface' },
      { value: 'emerging-hotspots', text: 'Emerging hotspots over time' },
      { value: 'near-repeat', text: 'Near-repeat test (Knox)' },
    ],
  },
  {
    label: 'Offence',
    options: [
      { value: 'category', text: 'Offence category' },
      { value: 'cost', text: 'Cost of crime' },
    ],
  },
  {
    label: 'Time of day and week (records)',
    options: [
      { value: 'hour', text: 'Hour of day' },
      { value: 'weekday', text: 'Day of week' },
      { value: 'hour-weekday', text: 'Hour × day of week' },
      { value: 'after-school', text: 'After-school window (15:00–18:00)' },
    ],
  },
  {
    label: 'Victims (records)',
    options: [
      { value: 'victim-age', text: 'Victim age band' },
      { value: 'victim-sex', text: 'Victim sex' },
      { value: 'victim-ethnicity', text: 'Victim ethnicity' },
      { value: 'repeat-victimisation', text: 'Repeat victimisation' },
      { value: 'victim-suspect-overlap', text: 'Victim–suspect overlap' },
    ],
  },
  {
    label: 'Suspects (records)',
    options: [
      { value: 'suspect-age', text: 'Suspect age band' },
      { value: 'suspect-sex', text: 'Suspect sex' },
      { value: 'suspect-ethnicity', text: 'Suspect ethnicity' },
    ],
  },
  {
    label: 'Stop and search',
    options: [
      { value: 'ethnicity', text: 'Ethnicity of people searched' },
      { value: 'age', text: 'Age of people searched' },
      { value: 'sex', text: 'Sex of people searched' },
      { value: 'object', text: 'Object of search' },
    ],
  },
  { label: 'Outcomes', options: [{ value: 'outcome', text: 'Outcomes (sanction detections, search outcomes)' }] },
];

export const TIME_DIMENSIONS: ReadonlySet<Dimension> = new Set(['month', 'quarter', 'financial-year']);

export const byLabel = (by: Dimension): string =>
  BY_GROUPS.flatMap((g) => g.options).find((o) => o.value === by)?.text ?? by;

/**
 * The default comparison: the same months a year before the chosen period
 * (the shared default is a year before the latest 12 months, which does not
 * fit a period typed by hand). Undefined when the period cannot be read, so
 * the engine's own message about it reaches the reader.
 */
export function sameMonthsYearBefore(period: string): string | undefined {
  try {
    return samePeriodLastYear(parsePeriod(period)).label;
  } catch {
    return undefined;
  }
}

/** The analysis request the page, its downloads and its chart all answer. */
export function explorerRequest(query: ExplorerQuery, filters: ResolvedFilters): AnalysisRequestInput {
  const what =
    query.definition === undefined && query.category === undefined
      ? { definition: DEFAULT_DEFINITION }
      : { definition: query.definition, category: query.category };
  const input: AnalysisRequestInput = {
    ...what,
    area: filters.area.code,
    period: filters.period,
    compare: query.compare ?? sameMonthsYearBefore(filters.period),
    baseline: filters.baseline,
    by: query.by ?? DEFAULT_BY,
    source: query.source,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as AnalysisRequestInput;
}

/** The query string that reproduces this view (the permalink and every download carry it). */
export function explorerParams(query: ExplorerQuery, filters: ResolvedFilters): Record<string, string | undefined> {
  const what =
    query.definition === undefined && query.category === undefined
      ? { definition: DEFAULT_DEFINITION }
      : { definition: query.definition, category: query.category };
  return {
    ...what,
    area: filters.area.code,
    period: filters.period,
    compare: query.compare,
    baseline: query.baseline,
    by: query.by ?? DEFAULT_BY,
    source: query.source,
  };
}

export const explorerHref = (path: string, params: Record<string, string | undefined>) => hrefWith(path, params);

/** Select options for what to count, where it comes from and how to break it down, with the current choice marked. */
export function explorerOptions(definitions: readonly Definition[], query: ExplorerQuery) {
  const latest = new Map<string, Definition>();
  for (const d of definitions) if ((latest.get(d.id)?.version ?? -1) < d.version) latest.set(d.id, d);
  const chosenDefinition = query.definition ?? (query.category === undefined ? DEFAULT_DEFINITION : '');
  const by = query.by ?? DEFAULT_BY;
  return {
    definitions: [...latest.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({ value: d.id, text: d.name, selected: d.id === chosenDefinition })),
    definitionChosen: chosenDefinition,
    category: query.category ?? '',
    sources: SOURCES.map((id) => ({ value: id, text: SOURCE_INFO[id].name, selected: id === query.source })),
    byGroups: BY_GROUPS.map((g) => ({
      label: g.label,
      options: g.options.map((o) => ({ ...o, selected: o.value === by })),
    })),
    baseline: query.baseline ?? '',
  };
}
