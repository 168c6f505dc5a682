import type { Actor } from '../../../../auth/policy.ts';
import { AnalysisError } from '../../../../analysis/figure.ts';
import { type AnalysisResult, figuresOf } from '../../../../analysis/analysisResult.ts';
import type { AreaFigure } from '../../../../analysis/figureShapes.ts';
import type { SourceId } from '../../../../analysis/request.ts';
import { analyseFor } from '../../../../release/analyseFor.ts';
import type { Services } from '../../../../services.ts';
import type { Counted } from './placesQuery.ts';

/** Figures by ward or LSOA for a borough, or the reason none can be shown. */
export type AreaFigures =
  | { ok: true; result: AnalysisResult; figures: AreaFigure[]; unplaced: number }
  | { ok: false; message: string; result: AnalysisResult | null };

/**
 * Published area counts first (MPS ward or LSOA counts are real and complete),
 * then whatever the engine picks. A source whose records carry no ward or
 * LSOA gives one "unknown" group: that cannot be mapped, so the next is tried.
 */
export async function areaFigures(
  services: Services,
  actor: Actor,
  args: { counted: Counted; borough: string; period: string; level: 'ward' | 'lsoa'; source: SourceId | undefined },
): Promise<AreaFigures> {
  const preferred: (SourceId | undefined)[] = args.source
    ? [args.source]
    : args.level === 'ward'
      ? ['mps-ward', undefined]
      : ['mps-lsoa', 'police-uk-street', undefined];
  let lastError: AnalysisError | null = null;
  let unmappable: AnalysisResult | null = null;
  for (const source of preferred) {
    try {
      const result = await analyseFor(
        services,
        actor,
        {
          ...args.counted.request,
          area: args.borough,
          period: args.period,
          by: args.level,
          ...(source ? { source } : {}),
        },
        'page',
      );
      const all = figuresOf(result, 'areas');
      const figures = all.filter((f) => placed(f, args.level));
      const unplaced = all.filter((f) => !placed(f, args.level)).reduce((a, f) => a + (f.count ?? 0), 0);
      if (figures.length > 0) return { ok: true, result, figures, unplaced };
      unmappable ??= result;
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      // The engine's own answer (no source named) explains best why nothing can be shown.
      if (source === undefined || lastError === null) lastError = error;
    }
  }
  if (unmappable) {
    const others = lastError ? `; ${lastError.message}` : '';
    return {
      ok: false,
      result: unmappable,
      message: `${unmappable.vintage.source} records for ${unmappable.definition.name} carry no ${args.level === 'lsoa' ? 'LSOA' : 'ward'}, so they cannot be mapped at this level${others}`,
    };
  }
  return { ok: false, result: null, message: lastError?.message ?? 'no figures' };
}

const placed = (f: AreaFigure, level: 'ward' | 'lsoa') => {
  const code = f.group[level];
  return code !== undefined && code !== 'unknown' && /^[EW]0[15]/.test(code);
};
