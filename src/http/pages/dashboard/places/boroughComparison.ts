import type { Actor } from '../../../../auth/policy.ts';
import { AnalysisError } from '../../../../analysis/figure.ts';
import { type AnalysisResult, figuresOf } from '../../../../analysis/analysisResult.ts';
import type { SourceId } from '../../../../analysis/request.ts';
import type { Chart } from '../../../../charts/chart.ts';
import { funnelPlot, type FunnelPoint } from '../../../../charts/funnelPlot.ts';
import { analyseFor } from '../../../../release/analyseFor.ts';
import type { Services } from '../../../../services.ts';
import { valueLabel } from '../../../../figureViews/areaMaps.ts';
import type { Counted } from './placesQuery.ts';

export type BoroughComparison =
  | {
      ok: true;
      result: AnalysisResult;
      chart: Chart;
      boroughs: number;
      selected: FunnelPoint | null;
      benchmarkRate: number;
    }
  | { ok: false; message: string };

/**
 * London's boroughs on a funnel plot around London's rate (the boroughs'
 * counts over their residents): a borough outside the 99.8% limits differs
 * from London by more than chance at its size would explain.
 */
export async function boroughComparison(
  services: Services,
  actor: Actor,
  args: {
    counted: Counted;
    area: string;
    period: string;
    source: SourceId | undefined;
    subject: string;
    hrefFor: (code: string) => string;
    /** Renders the chart once per data version and query (the analysis itself is cached by analyseFor). */
    cacheChart?: (build: () => Chart) => Promise<Chart>;
  },
): Promise<{ comparison: BoroughComparison; result: AnalysisResult | null }> {
  let result: AnalysisResult;
  try {
    result = await analyseFor(
      services,
      actor,
      {
        ...args.counted.request,
        area: args.area,
        period: args.period,
        by: 'rank',
        ...(args.source ? { source: args.source } : {}),
      },
      'page',
    );
  } catch (error) {
    if (error instanceof AnalysisError) return { comparison: { ok: false, message: error.message }, result: null };
    throw error;
  }
  const points: FunnelPoint[] = figuresOf(result, 'ranking')
    .filter((f) => f.count !== null && f.denominator !== null && f.denominator > 0 && f.rate !== null)
    .map((f) => ({
      code: f.group.borough!,
      name: f.group.name ?? f.group.borough!,
      count: f.count!,
      denominator: f.denominator!,
      rate: f.rate!,
      highlighted: f.selected === true,
      href: args.hrefFor(f.group.borough!),
    }));
  if (points.length < 2)
    return {
      comparison: {
        ok: false,
        message: `only ${points.length} borough${points.length === 1 ? ' has' : 's have'} a rate, too few to compare`,
      },
      result,
    };
  const multiplier = result.figures[0]?.multiplier ?? 1000;
  const benchmarkRate =
    (points.reduce((a, p) => a + p.count, 0) / points.reduce((a, p) => a + p.denominator, 0)) * multiplier;
  const build = () =>
    funnelPlot({
      id: 'places-funnel',
      title: `London boroughs compared: ${args.subject}`,
      valueLabel: valueLabel('rate', result.definition.counts, multiplier),
      multiplier,
      points,
      benchmark: { rate: benchmarkRate, label: `London (${points.length} boroughs together)` },
    });
  const chart = args.cacheChart ? await args.cacheChart(build) : build();
  return {
    comparison: {
      ok: true,
      result,
      chart,
      boroughs: points.length,
      selected: points.find((p) => p.highlighted) ?? null,
      benchmarkRate,
    },
    result,
  };
}
