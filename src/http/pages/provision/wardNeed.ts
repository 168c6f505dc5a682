import type { Actor } from '../../../auth/policy.ts';
import type { Chart } from '../../../charts/chart.ts';
import { areaChoropleth, matchingShapes } from '../../../figureViews/areaMaps.ts';
import { areaShapesIn } from '../../../maps/boundaries.ts';
import { lastWholeFinancialYear } from '../../../performance/pack/crimeSections.ts';
import type { WardNeed } from '../../../registers/provision/coverageGaps.ts';
import type { Services } from '../../../services.ts';
import { hrefWith } from '../dashboard/dashboardQuery.ts';
import { filterOptions } from '../dashboard/filterOptions.ts';
import { areaFigures } from '../dashboard/places/areaFigures.ts';

/** The serious-violence definition need is measured by (definitions/serious-violence-duty-tower-hamlets.json). */
export const SERIOUS_VIOLENCE = 'serious-violence-duty-tower-hamlets';

export interface WardNeedFigures {
  period: string;
  definitionName: string;
  /** Rate and count per ward of the borough (null where the reader is shown none). */
  wards: WardNeed[];
  map: Chart | null;
  /** Why there are no rates or no map, in words people read. */
  message: string | null;
  source: string | null;
  extractDates: string[];
}

/**
 * Serious violence by ward for the latest whole financial year, through the release layer with the reader's access
 * (the places page's areaFigures → analyseFor), and the same rates as a ward choropleth.
 */
export async function wardNeed(
  services: Services,
  actor: Actor,
  wards: readonly { code: string; name: string }[],
): Promise<WardNeedFigures> {
  const borough = services.config.partnershipArea;
  const period = lastWholeFinancialYear((await filterOptions(services)).latestMonth);
  const definition = (await services.definitions()).find((d) => d.id === SERIOUS_VIOLENCE);
  const definitionName = definition?.name ?? SERIOUS_VIOLENCE;
  const none = (message: string): WardNeedFigures => ({
    period,
    definitionName,
    wards: wards.map((w) => ({ ...w, rate: null, count: null })),
    map: null,
    message,
    source: null,
    extractDates: [],
  });
  if (!definition) return none(`no definition called ${SERIOUS_VIOLENCE} is loaded`);
  const figures = await areaFigures(services, actor, {
    counted: { request: { definition: SERIOUS_VIOLENCE }, value: `definition:${SERIOUS_VIOLENCE}` },
    borough,
    period,
    level: 'ward',
    source: undefined,
  });
  if (!figures.ok) return none(figures.message);
  const byCode = new Map(figures.figures.map((f) => [f.group.ward ?? '', f]));
  const withRates = wards.map((w) => {
    const f = byCode.get(w.code);
    return { ...w, rate: f?.suppressed ? null : (f?.rate ?? null), count: f?.suppressed ? null : (f?.count ?? null) };
  });
  const match = matchingShapes(await areaShapesIn(services.db, borough, 'ward'), figures.figures, 'ward');
  const map = match
    ? areaChoropleth(
        {
          id: 'provision-coverage-map',
          level: 'ward',
          measure: 'rate',
          subject: `${figures.result.definition.name}, ${period}`,
          noun: figures.result.definition.counts,
          figures: figures.figures,
          shapeSets: [match.set],
          overlayDeciles: 0,
          hrefFor: (code) => hrefWith('/dashboard', { area: code, period }),
        },
        match.set,
      )
    : null;
  return {
    period,
    definitionName: figures.result.definition.name,
    wards: withRates,
    map,
    message: map ? null : 'no ward boundaries held match the codes these figures use',
    source: figures.result.vintage.source,
    extractDates: figures.result.vintage.extractDates,
  };
}

/** The map's table alternative with the number of services covering each ward beside its rate. */
export function withServiceCounts(chart: Chart, covering: ReadonlyMap<string, number>): Chart {
  const code = chart.table.head.indexOf('Code');
  return {
    ...chart,
    table: {
      ...chart.table,
      head: [...chart.table.head, 'Services covering'],
      numeric: [...chart.table.numeric, true],
      rows: chart.table.rows.map((row) => [...row, covering.get(String(row[code] ?? '')) ?? 0]),
    },
  };
}
