import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../analysis/request.ts';
import { mappingsOf, offenceCatalogue } from '../../domain/classifications/offenceCatalogue.ts';
import type { Period } from '../../domain/periods/period.ts';
import type { Indicator, IndicatorCategory } from '../indicatorSchema.ts';
import { computedKey } from './comparability.ts';
import type { ValuePoint } from './valuePoint.ts';

/** The figure engine as the performance framework uses it: through the release layer for a reader (access, disclosure, audit). */
export type Analyse = (input: AnalysisRequestInput) => Promise<AnalysisResult>;

/** The engine says a count is partial in its warnings (src/analysis/coverage.ts). */
const PARTIAL = 'the count is partial';

/**
 * A computed indicator's value for one period, from the same engine as every other figure. A category of the
 * old MPS classification that has no data in the period is counted through its equivalent category of the Home
 * Office aligned one (offence catalogue); the comparability key names the classification used, so the pack shows
 * "not comparable" where the series crosses from one to the other instead of joining them.
 */
export async function computedValue(
  analyse: Analyse,
  indicator: Indicator,
  area: string,
  period: Period,
): Promise<ValuePoint | { missing: string }> {
  const source = indicator.source;
  if (source.kind !== 'computed') return { missing: 'a returned indicator' };
  // Register measures are counted through registerValue (indicatorSeries chooses); the engine has none.
  if (source.register !== undefined) return { missing: 'a register indicator is counted from its register' };
  if (source.panel !== undefined) return { missing: 'a panel indicator is counted from the panel counts' };
  if (indicator.unit.kind === 'percentage')
    return { missing: 'computed percentages are not supported yet: make it a returned indicator' };
  const asks: AnalysisRequestInput[] =
    source.definition !== undefined
      ? [{ definition: source.definition, area, period: period.id }]
      : categoryLabels(source.category as IndicatorCategory).map((category) => ({ category, area, period: period.id }));
  let reason = 'no data';
  for (const ask of asks) {
    let result: AnalysisResult;
    try {
      result = await analyse(ask);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
      continue;
    }
    const figure = result.shape === 'headline' ? result.figures[0] : undefined;
    if (figure === undefined || figure.count === null) {
      reason = figure === undefined ? 'the engine gave no figure' : 'the count is withheld by disclosure control';
      continue;
    }
    const rate = indicator.unit.kind === 'rate';
    if (rate && figure.rate === null) {
      reason = 'no population for a rate';
      continue;
    }
    return {
      periodId: period.id,
      periodLabel: period.label,
      start: period.start,
      end: period.end,
      value: rate ? (figure.rate as number) : figure.count,
      numerator: figure.count,
      denominator: rate ? figure.denominator : null,
      comparability: computedKey(indicator, {
        definition: ask.definition ?? `category ${ask.category}`,
        version: result.definition.version,
        source: figure.source,
      }),
      partial: result.warnings.some((w) => w.endsWith(PARTIAL)),
      synthetic: result.vintage.synthetic,
      origin: {
        kind: 'computed',
        source: figure.source,
        extractDate: figure.extractDate,
        definition: result.definition.name,
        definitionVersion: result.definition.version,
      },
    };
  }
  return { missing: reason };
}

/** The category's label, then those of its equivalents in the other MPS classification. */
function categoryLabels(category: IndicatorCategory): string[] {
  const own = category.minor ?? category.major;
  const ref = { classification: category.classification, major: category.major, minor: category.minor ?? '' };
  const equivalents = mappingsOf(offenceCatalogue, ref)
    .filter((m) => m.relation === 'equivalent' && m.to.classification !== category.classification)
    .map((m) => m.to.minor || m.to.major);
  return [...new Set([own, ...equivalents])];
}
