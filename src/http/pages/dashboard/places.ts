import type { FastifyInstance } from 'fastify';
import type { AnalysisResult } from '../../../analysis/analysisResult.ts';
import type { Actor } from '../../../auth/policy.ts';
import type { Chart } from '../../../charts/chart.ts';
import { areaShapesIn } from '../../../maps/boundaries.ts';
import { dataVersion } from '../../../release/dataVersion.ts';
import { accessKey } from '../../../release/sourceAccess.ts';
import type { Services } from '../../../services.ts';
import { hrefWith } from './dashboardQuery.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { filterForm } from './filterOptions.ts';
import { areaFigures } from './places/areaFigures.ts';
import { areaChoropleth, areaHotspots, matchingShapes } from '../../../figureViews/areaMaps.ts';
import { boroughComparison } from './places/boroughComparison.ts';
import { gridHotspots } from './places/gridHotspots.ts';
import { countedFrom, PlacesQuery, sentenceCase, whatOptions } from './places/placesQuery.ts';
import { rankedTable } from './places/rankedTable.ts';
import { dashboardRequest } from './sections.ts';
import { cachedPage, pageView } from './cachedPage.ts';
import { placesLayer } from './places/registerLayer.ts';
import { registerPageKey } from '../../../registers/counts/registerVersion.ts';
import { rightsForAll } from '../../../registers/readers.ts';
import { requireActor } from '../../guards.ts';

const PATH = '/dashboard/places';
const OVERLAY_DECILES = { 'deprived-20': 2, 'deprived-10': 1, none: 0 } as const;

/** Maps are cached as rendered, per data version, reader's access scope and query. */
async function cachedCharts<T>(services: Services, actor: Actor, key: unknown, build: () => Promise<T>): Promise<T> {
  const full = `${await dataVersion(services.db)}|${accessKey(actor)}|places|${JSON.stringify(key)}`;
  return JSON.parse(await services.chartCache.getOrCompute(full, async () => JSON.stringify(await build()))) as T;
}

/**
 * Places: where in the borough. Choropleths by ward or LSOA (each area a link
 * to its overview), a hot spot map, the ranked table with intervals, and
 * London's boroughs on a funnel plot.
 */
export function placesRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get(
      PATH,
      cachedPage(
        services,
        async (request) => {
          const page = await dashboardRequest(services, request, PlacesQuery);
          const { actor, query, filters } = page;
          const level = query.level ?? 'ward';
          const measure = query.measure ?? 'rate';
          const overlay = query.overlay ?? 'deprived-20';
          const hotspot = query.hotspot ?? 'areas';
          const counted = countedFrom(query);
          const definitions = await services.definitions();
          // The maps are of one borough's wards or LSOAs: a ward or LSOA chosen as the area shows its borough.
          const area = filters.area;
          const borough =
            area.type === 'borough'
              ? area
              : (area.type === 'ward' || area.type === 'lsoa') && area.parentCode?.startsWith('E09')
                ? { code: area.parentCode, name: null }
                : null;
          const own = {
            area: query.area,
            period: query.period,
            compare: query.compare,
            what: counted.value,
            level,
            measure,
            overlay: query.overlay,
            hotspot: query.hotspot,
            sort: query.sort,
            dir: query.dir,
            source: query.source,
            layer: query.layer,
          };
          const overviewHref = (code: string) => hrefWith('/dashboard', { area: code, period: filters.period });
          const results: AnalysisResult[] = [];

          let maps: {
            choropleth: Chart | null;
            hotspots: Chart | null;
            hotspotMessage: string | null;
            message: string | null;
            unmatched: number;
            unplaced: number;
            vintage: string | null;
            hotspotCodes?: string[];
          } | null = null;
          let table = null;
          let subject = '';
          if (borough) {
            const figures = await areaFigures(services, actor, {
              counted,
              borough: borough.code,
              period: filters.period,
              level,
              source: query.source,
            });
            if (figures.result) results.push(figures.result);
            if (figures.ok) {
              const boroughName =
                borough.name ??
                (
                  await services.db
                    .selectFrom('area')
                    .select('name')
                    .where('code', '=', borough.code)
                    .executeTakeFirst()
                )?.name ??
                borough.code;
              subject = `${'category' in counted.request ? sentenceCase(counted.request.category) : figures.result.definition.name}, ${boroughName}, ${filters.period}`;
              table = rankedTable(figures.figures, {
                level,
                sort: query.sort,
                dir: query.dir,
                hrefFor: overviewHref,
                sortHref: (sort, dir) => `${hrefWith(PATH, { ...own, sort, dir })}#ranked-table`,
              });
              maps = await cachedCharts(
                services,
                actor,
                {
                  m: 'areas',
                  b: borough.code,
                  p: filters.period,
                  w: counted.value,
                  level,
                  measure,
                  overlay,
                  source: query.source ?? null,
                },
                async () => {
                  const match = matchingShapes(
                    await areaShapesIn(services.db, borough.code, level),
                    figures.figures,
                    level,
                  );
                  if (!match)
                    return {
                      choropleth: null,
                      hotspots: null,
                      hotspotMessage: null,
                      message: `no ${level === 'ward' ? 'ward' : 'LSOA'} boundaries held match the codes these figures use`,
                      unmatched: 0,
                      unplaced: figures.unplaced,
                      vintage: null,
                    };
                  const args = {
                    level,
                    measure,
                    subject,
                    noun: figures.result.definition.counts,
                    figures: figures.figures,
                    shapeSets: [match.set],
                    overlayDeciles: OVERLAY_DECILES[overlay],
                    hrefFor: overviewHref,
                  };
                  const hot = areaHotspots(args, match.set);
                  return {
                    choropleth: areaChoropleth(args, match.set),
                    hotspots: 'chart' in hot ? hot.chart : null,
                    hotspotMessage: 'message' in hot ? hot.message : null,
                    message: null,
                    unmatched: match.unmatched,
                    unplaced: figures.unplaced,
                    vintage: match.set.vintage,
                    hotspotCodes: 'codes' in hot ? hot.codes : [],
                  };
                },
              );
            } else {
              maps = {
                choropleth: null,
                hotspots: null,
                hotspotMessage: null,
                message: figures.message,
                unmatched: 0,
                unplaced: 0,
                vintage: null,
              };
            }
          }

          let grid = null;
          if (borough && hotspot === 'grid') {
            grid = await cachedCharts(
              services,
              actor,
              { m: 'grid', b: borough.code, p: filters.period, w: counted.value },
              async () => {
                const wards =
                  (await areaShapesIn(services.db, borough.code, 'ward'))[0]?.shapes.map((s) => s.geometry) ?? [];
                const g = await gridHotspots(services, actor, {
                  counted,
                  borough: borough.code,
                  period: filters.period,
                  backdrop: wards,
                });
                return g.ok
                  ? {
                      chart: g.chart,
                      notes: g.notes,
                      message: null,
                      source: g.result.vintage.source,
                      extractDates: g.result.vintage.extractDates,
                    }
                  : { chart: null, notes: g.notes, message: g.message, source: null, extractDates: [] };
              },
            );
          }

          const comparisonSubject = subject || `${filters.period}`;
          const { comparison, result: rankResult } = await boroughComparison(services, actor, {
            counted,
            area: borough?.code ?? area.code,
            period: filters.period,
            source: undefined,
            subject: comparisonSubject,
            hrefFor: overviewHref,
            cacheChart: (build) =>
              cachedCharts(
                services,
                actor,
                {
                  m: 'funnel',
                  a: borough?.code ?? area.code,
                  p: filters.period,
                  w: counted.value,
                  s: comparisonSubject,
                },
                async () => build(),
              ),
          });
          if (rankResult) results.push(rankResult);
          const funnel = comparison.ok ? comparison.chart : null;

          // A register drawn over the maps, and the register entries within a chosen ward or LSOA (issue 20).
          const registerLayer = await placesLayer(services, actor, {
            layerId: query.layer,
            borough: borough?.code ?? null,
            level,
            period: filters.period,
            area,
            maps,
          });

          const notes = dataNotesFrom(results, definitions, {
            sources: grid?.source
              ? [
                  {
                    name: `${grid.source} street records (grid hot spots)`,
                    extractDates: grid.extractDates,
                    licence: 'Open Government Licence v3.0',
                  },
                ]
              : [],
            methods: [
              "Map classes are quantiles: each of the 5 classes holds about the same number of areas; the legend gives each class's range.",
              'Hot spots: Getis-Ord Gi* compares each area (with the areas it touches) with the borough as a whole; p-values are adjusted for the number of areas tested (Benjamini–Hochberg) and a hot or cold spot is one significant at 5% after adjustment.',
              "Funnel plot: exact Poisson 95% and 99.8% limits around London's rate (all ranked boroughs' offences over their residents) at each population.",
              'IMD 2019 deciles are for LSOAs (2011); a 2021 LSOA that changed takes the most deprived decile of the 2011 LSOAs it came from.',
            ],
            caveats: [
              'Rates per resident overstate risk where many people visit but few live (town centres, transport hubs, the night-time economy).',
              ...(grid?.notes ?? []),
            ],
            cannotTell: ['Where within an area offences happened: shading covers the whole area evenly.'],
          });

          return pageView(
            'pages/dashboard/places.njk',
            page.context(PATH, {
              title: 'Places',
              filterForm: await filterForm(services, filters, query, PATH),
              whatGroups: whatOptions(definitions, counted.value),
              level,
              measure,
              overlay,
              hotspot,
              borough,
              maps: maps && { ...maps, choropleth: registerLayer.choropleth, hotspots: registerLayer.hotspots },
              registerLayer,
              table,
              grid,
              comparison,
              funnel,
              subject,
              hotspotHrefs: {
                areas: `${hrefWith(PATH, { ...own, hotspot: 'areas' })}#hotspots`,
                grid: `${hrefWith(PATH, { ...own, hotspot: 'grid' })}#hotspots`,
              },
              notes,
              synthetic: results.some((r) => r.vintage.synthetic),
            }),
          );
        },
        {
          // Register entries change without an import; rights are per reader (named readerships), and a reader of an
          // OFFICIAL-SENSITIVE register gets a page of their own, so each one's read of its entries is audited.
          alsoDependsOn: async (request) => {
            const actor = requireActor(request);
            const registers = await services.registers();
            const restricted = (await rightsForAll(services.db, actor, registers)).some(
              (r) => r.rights.read && r.register.classification === 'restricted',
            );
            return `${await registerPageKey(services.db, actor, registers)}${restricted ? `|reader ${actor.id}` : ''}`;
          },
        },
      ),
    );
  };
}
