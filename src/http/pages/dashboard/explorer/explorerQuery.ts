import { z } from 'zod';
import { DIMENSIONS, SOURCES, type AnalysisRequestInput, type Dimension } from '../../../../analysis/request.ts';
import { SOURCE_INFO } from '../../../../analysis/sources.ts';
import type { Definition } from '../../../../domain/definitions/definitionSchema.ts';
export { BY_GROUPS, byLabel, TIME_DIMENSIONS };
import { parsePeriod } from '../../../../domain/periods/parsePeriod.ts';
import { samePeriodLastYear } from '../../../../domain/periods/period.ts';
import { BY_GROUPS, byLabel, TIME_DIMENSIONS } from '../../../../figureViews/dimensionLabels.ts';
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
