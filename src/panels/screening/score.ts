import type { AgeBand } from '../../domain/panels/demographics.ts';
import { type Level, questionsOf, type Route, type ScreeningTool } from './toolSchema.ts';

/*
 * Scoring a screening: pure, from the tool's file alone. It gives a level, the questions that drove it and a
 * recommended route, never a decision: the practitioner confirms or overrides it (screeningStore.ts). The rules
 * are the tool's own (rules.immediate, rules.adults), applied in that order after the thresholds.
 */

export const YES_NO = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
  { id: 'not-known', label: 'Not known' },
] as const;

/** Question id → the answer: 'yes' | 'no' | 'not-known' for yes-no, an option id for a choice. */
export type Answers = Readonly<Record<string, string>>;

export interface Reason {
  questionId: string;
  text: string;
  answer: string;
  points: number;
  immediate: boolean;
}

export interface ScreeningResult {
  score: number;
  level: Level;
  /** Immediate flags first, then by points, most first; ties in the order asked. */
  reasons: Reason[];
  recommendedRoute: Route;
  /** Which of the tool's rules changed the level or route ('immediate', 'adults'). */
  rules: ('immediate' | 'adults')[];
}

/** The youngest age in each band; 'not known' is never treated as an adult. */
const BAND_FROM: Record<AgeBand, number | null> = {
  'under 10': 0,
  '10-13': 10,
  '14-15': 14,
  '16-17': 16,
  '18-20': 18,
  '21-25': 21,
  '26-39': 26,
  '40+': 40,
  'not known': null,
};

export const levelOf = (tool: ScreeningTool, score: number): Level =>
  score >= tool.levels.high ? 'high' : score >= tool.levels.medium ? 'medium' : 'low';

export function scoreScreening(tool: ScreeningTool, answers: Answers, ageBand: AgeBand): ScreeningResult {
  const reasons: Reason[] = [];
  questionsOf(tool).forEach((q) => {
    const answer = answers[q.id];
    if (answer === undefined) return;
    if (q.type === 'yes-no') {
      if (answer === 'yes' && ((q.weight ?? 0) > 0 || q.flag === 'immediate'))
        reasons.push({
          questionId: q.id,
          text: q.text,
          answer: 'Yes',
          points: q.weight ?? 0,
          immediate: q.flag === 'immediate',
        });
      return;
    }
    const option = q.options?.find((o) => o.id === answer);
    if (option && option.weight > 0)
      reasons.push({ questionId: q.id, text: q.text, answer: option.label, points: option.weight, immediate: false });
  });
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  // A stable sort keeps the order asked among equals.
  reasons.sort((a, b) => Number(b.immediate) - Number(a.immediate) || b.points - a.points);

  const rules: ScreeningResult['rules'] = [];
  let level = levelOf(tool, score);
  let route = tool.routes[level];
  if (reasons.some((r) => r.immediate)) {
    level = tool.rules.immediate.level;
    route = tool.rules.immediate.route;
    rules.push('immediate');
  }
  const from = BAND_FROM[ageBand];
  const { adults } = tool.rules;
  if (from !== null && from >= adults.fromAge && level === adults.atLevel) {
    route = adults.route;
    rules.push('adults');
  }
  return { score, level, reasons, recommendedRoute: route, rules };
}
