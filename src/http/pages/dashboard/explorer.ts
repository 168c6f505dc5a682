import type { FastifyInstance } from 'fastify';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import type { Services } from '../../../services.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { explorerDownloadRoutes } from './explorer/downloadRoutes.ts';
import { explorerHref, explorerOptions } from './explorer/explorerQuery.ts';
import { explorerView } from './explorer/explorerView.ts';
import { flatTable } from './explorer/figureRows.ts';
import { pageTable } from './explorer/pageTable.ts';
import { filterForm } from './filterOptions.ts';
import { cachedPage, pageView } from './cachedPage.ts';

/**
 * The Explorer: any definition or category, area, period and breakdown as a
 * table and a chart, with a permalink and downloads (CSV, XLSX, chart SVG and
 * PNG) for roles that may export. Everything is a GET form and links.
 */
export function explorerRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get(
      '/explorer',
      cachedPage(services, async (request) => {
        const view = await explorerView(services, request, 'page');
        const { page, result, release } = view;
        const definitions = await services.definitions();
        const downloads =
          mayExportFigures(page.actor) && result
            ? [
                { href: explorerHref('/explorer/download.csv', view.params), text: 'Download the table (CSV)' },
                {
                  href: explorerHref('/explorer/download.xlsx', view.params),
                  text: 'Download the table with notes (XLSX)',
                },
                ...(view.chart
                  ? [
                      { href: explorerHref('/explorer/chart.svg', view.params), text: 'Download the chart (SVG)' },
                      { href: explorerHref('/explorer/chart.png', view.params), text: 'Download the chart (PNG)' },
                    ]
                  : []),
              ]
            : [];
        return pageView(
          'pages/dashboard/explorer.njk',
          page.context('/explorer', {
            title: 'Explorer',
            filterForm: await filterForm(services, page.filters, page.query, '/explorer'),
            options: explorerOptions(definitions, page.query),
            result,
            problem: view.problem && {
              ...view.problem,
              message: view.problem.message.charAt(0).toUpperCase() + view.problem.message.slice(1),
            },
            table: result ? pageTable(flatTable(result, release?.rule?.symbol)) : null,
            chart: view.chart,
            disclosure: release?.rule
              ? {
                  description: release.rule.description,
                  suppressed: release.suppressedFigures,
                  direct: release.access === 'direct',
                }
              : null,
            permalink: `${request.protocol}://${request.host}${view.permalinkPath}`,
            permalinkPath: view.permalinkPath,
            downloads,
            mayExport: mayExportFigures(page.actor),
            notes: dataNotesFrom(result ? [result] : [], definitions),
            synthetic: result?.vintage.synthetic === true,
          }),
        );
      }),
    );
    await app.register(explorerDownloadRoutes(services));
  };
}
