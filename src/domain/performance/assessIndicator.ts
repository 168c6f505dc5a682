import { absoluteChange, percentChange } from '../change/change.ts';
import { type IndicatorPolarity, type IndicatorTarget, type TargetRag, targetRag } from './indicatorRag.ts';
import { type IndicatorUnitKind, type StatisticalRag, statisticalRag, type ValueParts } from './statisticalRag.ts';

/*
 * One indicator's latest value judged three ways, side by side and never mixed (methods.md): the difference
 * and direction of travel against the previous comparable period, target RAG, and statistical RAG. Values carry
 * a comparability key (what they were counted under: source, unit, period type, definition version); a change of
 * key between two values makes them "not comparable" rather than silently joined (seed 004's wording).
 */

export interface IndicatorPoint extends ValueParts {
  periodLabel: string;
  /** Equal keys are comparable. */
  comparability: string;
}

export type Direction =
  | { state: 'improving' | 'worsening' | 'no change' | 'not rated'; change: number; percentChange: number | null }
  | { state: 'new indicator' | 'not comparable' | 'no value' };

export interface IndicatorAssessment {
  latest: IndicatorPoint | null;
  previous: IndicatorPoint | null;
  direction: Direction;
  target: TargetRag;
  statistical: StatisticalRag;
}

export interface AssessedIndicator {
  unit: { kind: IndicatorUnitKind; per?: number };
  polarity: IndicatorPolarity;
  target: IndicatorTarget;
}

/** `points` oldest first; `baseline` is the baseline period's value when the indicator has one. */
export function assessIndicator(
  indicator: AssessedIndicator,
  points: readonly IndicatorPoint[],
  baseline: IndicatorPoint | null = null,
): IndicatorAssessment {
  const latest = points.at(-1) ?? null;
  const previous = points.length > 1 ? (points.at(-2) as IndicatorPoint) : null;
  if (latest === null) {
    const says = 'no value reported yet';
    return {
      latest,
      previous,
      direction: { state: 'no value' },
      target:
        indicator.target.kind === 'none'
          ? { state: 'no target', says: 'no target set' }
          : { state: 'no reference value', says },
      statistical: { state: 'no comparison', says },
    };
  }
  const comparable = (p: IndicatorPoint | null) => p !== null && p.comparability === latest.comparability;
  const direction = directionOf(indicator.polarity, latest, previous, comparable(previous));
  const reference =
    indicator.target.kind === 'change' ? (indicator.target.against === 'baseline' ? baseline : previous) : null;
  const target = targetRag(
    latest.value,
    indicator.target,
    indicator.polarity,
    reference === null
      ? null
      : { value: reference.value, label: reference.periodLabel, comparable: comparable(reference) },
  );
  const statistical = statisticalRag(
    indicator.unit,
    indicator.polarity,
    latest,
    previous === null ? null : { ...previous, label: previous.periodLabel, comparable: comparable(previous) },
  );
  return { latest, previous, direction, target, statistical };
}

function directionOf(
  polarity: IndicatorPolarity,
  latest: IndicatorPoint,
  previous: IndicatorPoint | null,
  comparable: boolean,
): Direction {
  if (previous === null) return { state: 'new indicator' };
  if (!comparable) return { state: 'not comparable' };
  const change = absoluteChange(previous.value, latest.value);
  const pct = percentChange(previous.value, latest.value);
  if (change === 0) return { state: 'no change', change, percentChange: pct };
  if (polarity === 'neither') return { state: 'not rated', change, percentChange: pct };
  const better = change > 0 === (polarity === 'higher-is-better');
  return { state: better ? 'improving' : 'worsening', change, percentChange: pct };
}

/** An exception for the pack's summary: red on target, significantly worse, or worsening without a target. */
export function isException(a: IndicatorAssessment): boolean {
  return a.target.state === 'red' || a.statistical.state === 'significantly worse';
}
