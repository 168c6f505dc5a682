import type { FastifyRequest } from 'fastify';
import { AnalysisError } from '../../../../analysis/figure.ts';
import type { AnalysisResult } from '../../../../analysis/analysisResult.ts';
import type { AnalysisRequestInput, Dimension } from '../../../../analysis/request.ts';
import type { Chart } from '../../../../charts/chart.ts';
import { analyseFor, releaseOf, type FigureRelease, type FigureUse } from '../../../../release/analyseFor.ts';
import { dataVersion } from '../../../../release/dataVersion.ts';
import { accessKey } from '../../../../release/sourceAccess.ts';
import type { Services } from '../../../../services.ts';
import { dashboardRequest, type DashboardRequest } from '../sections.ts';
import { resultChart } from '../../../../figureViews/resultChart.ts';
import { DEFAULT_BY, explorerHref, explorerParams, explorerRequest, ExplorerQuery } from './explorerQuery.ts';

/** Everything one Explorer query gives: the request, its permalink, the figures (or why not) and the chart. */
export interface ExplorerView {
  page: DashboardRequest & { query: ExplorerQuery };
  input: AnalysisRequestInput;
  by: Dimension;
  params: Record<string, string | undefined>;
  /** The page's URL for this view, from the site root. */
  permalinkPath: string;
  result: AnalysisResult | null;
  release: FigureRelease | undefined;
  /** Why there are no figures, in words for the reader (an AnalysisError's message). */
  problem: { code: AnalysisError['code']; message: string } | null;
  chart: Chart | null;
}

/**
 * Reads the query, runs the analysis through analyseFor (access, disclosure,
 * audit, cache) and builds the chart, cached per data version, access scope
 * and release mode. `use` is 'page' for the page and 'export' for downloads.
 */
export async function explorerView(services: Services, request: FastifyRequest, use: FigureUse): Promise<ExplorerView> {
  const page = await dashboardRequest(services, request, ExplorerQuery);
  const input = explorerRequest(page.query, page.filters);
  const params = explorerParams(page.query, page.filters);
  const by = input.by ?? DEFAULT_BY;
  const view: ExplorerView = {
    page,
    input,
    by,
    params,
    permalinkPath: explorerHref('/explorer', params),
    result: null,
    release: undefined,
    problem: null,
    chart: null,
  };
  try {
    view.result = await analyseFor(services, page.actor, input, use, { ip: request.ip });
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    view.problem = { code: error.code, message: error.message };
    return view;
  }
  view.release = releaseOf(view.result);
  const result = view.result;
  const key = `explorer|${await dataVersion(services.db)}|${accessKey(page.actor)}|${use === 'page' ? 'page' : 'release'}|${JSON.stringify(input)}`;
  const json = await services.chartCache.getOrCompute(key, async () =>
    JSON.stringify(resultChart(result, by, page.filters.area.name, page.filters.period)),
  );
  view.chart = JSON.parse(json) as Chart | null;
  return view;
}
