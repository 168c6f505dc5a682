import type { RiskLevel, ScreeningRoute } from '../../../db/tables/panels.ts';
import type { Reason } from '../../../panels/screening/score.ts';
import type { ScreeningTool } from '../../../panels/screening/toolSchema.ts';
import { LEVEL_TAG, LEVEL_WORDS, ROUTE_WORDS } from './screeningForm.ts';

/*
 * A screening's result in words, shared by the confirm step and the saved screening: the level, the score
 * against the tool's thresholds, the reasons (immediate flags first) and the route recommended. The words say
 * it is a recommendation: the practitioner decides.
 */

export interface ResultLike {
  score: number;
  level: RiskLevel;
  reasons: readonly Reason[];
  recommendedRoute: ScreeningRoute;
}

export function resultView(result: ResultLike, tool: ScreeningTool | undefined) {
  const immediate = result.reasons.filter((r) => r.immediate);
  return {
    level: { text: LEVEL_WORDS[result.level], classes: LEVEL_TAG[result.level] },
    scoreWords: tool
      ? `Score ${result.score} (medium from ${tool.levels.medium}, high from ${tool.levels.high})`
      : `Score ${result.score}`,
    immediateWords: immediate.length
      ? `High risk because of ${immediate.length === 1 ? 'this answer' : 'these answers'}, whatever the score: ${immediate.map((r) => r.text).join('; ')}`
      : null,
    reasonRows: result.reasons.map((r) => ({
      key: { text: r.text },
      value: {
        text: `${r.answer}: ${r.points} ${r.points === 1 ? 'point' : 'points'}${r.immediate ? ' (high risk on its own)' : ''}`,
      },
    })),
    recommended: ROUTE_WORDS[result.recommendedRoute],
  };
}
