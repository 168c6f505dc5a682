import { crudeRate } from '../domain/stats/crudeRate.ts';
import type { AnalysisContext } from './context.ts';
import { latestExtract } from './countIn.ts';
import type { CountRow } from './counts.ts';
import type { Figure } from './figure.ts';

/** A count with its rate and limits, or the count alone when there is no denominator. */
export function rateFigure(
  ctx: AnalysisContext,
  group: Record<string, string>,
  count: number,
  population: number,
  rows: readonly CountRow[],
  multiplier = 1000,
): Figure {
  const base = {
    group,
    definition: ctx.selection.definition.id,
    source: ctx.source.name,
    extractDate: latestExtract(rows),
  };
  if (!(population > 0)) {
    return {
      ...base,
      count,
      denominator: null,
      rate: null,
      lower: null,
      upper: null,
      multiplier: null,
      method: 'count',
      confidence: null,
    };
  }
  const r = crudeRate(count, population, { multiplier, confidence: ctx.request.confidence });
  return {
    ...base,
    count,
    denominator: population,
    rate: r.value,
    lower: r.lower,
    upper: r.upper,
    multiplier,
    method: `crude rate per ${multiplier.toLocaleString('en-GB')}, ${r.method} limits`,
    confidence: r.confidence,
  };
}
