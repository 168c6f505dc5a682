import type { Actor } from '../auth/policy.ts';
import { runAnalysis } from '../analysis/runAnalysis.ts';
import type { AnalysisResult } from '../analysis/figure.ts';
import type { AnalysisRequestInput } from '../analysis/request.ts';
import type { Services } from '../services.ts';
import { dataVersion } from './dataVersion.ts';
import { accessKey, sourceAccessFor } from './sourceAccess.ts';

/** Where a figure is going: a page, the JSON API or a download. Audit records say which. */
export type FigureUse = 'page' | 'api' | 'export';

/**
 * The one door from pages, API and downloads to the analysis engine: applies
 * the reader's access to sources, caches per data version and access scope,
 * and returns the same JSON the CLI prints.
 */
export async function analyseFor(services: Services, actor: Actor, input: AnalysisRequestInput, use: FigureUse = 'page'): Promise<AnalysisResult> {
  const version = await dataVersion(services.db);
  const key = `${version}|${accessKey(actor)}|${JSON.stringify(input)}`;
  void use;
  return services.analysisCache.getOrCompute(key, async () => {
    const sources = await sourceAccessFor(services.db, actor);
    const definitions = await services.definitions();
    return runAnalysis(services.db, definitions, input, { allowedSources: new Set(sources.access.keys()) });
  });
}
