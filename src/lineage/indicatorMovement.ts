import { assessIndicator, type Direction } from '../domain/performance/assessIndicator.ts';
import { reportingPeriods } from '../domain/performance/indicatorPeriods.ts';
import type { Period } from '../domain/periods/period.ts';
import type { Indicator } from '../performance/indicatorSchema.ts';
import { indicatorSeries, type SeriesSources } from '../performance/values/indicatorSeries.ts';
import type { SeriesCell, ValuePoint } from '../performance/values/valuePoint.ts';

/*
 * How an indicator in the thread has moved: its latest value up to the quarter and its value a year before, judged
 * by the performance framework's own direction of travel (assessIndicator: polarity, comparability). The values
 * come from indicatorSeries, as the scorecard and the API read them, so computed ones go through the sources'
 * `analyse` (the release layer, for the page's reader) and returned ones are the accepted returns.
 */

export interface MovementValue {
  periodLabel: string;
  value: number | null;
  /** Why there is no value ("no accepted return", "not computed here" …), or null. */
  missing: string | null;
}

export interface IndicatorMovement {
  indicator: Indicator;
  latest: MovementValue;
  yearBefore: MovementValue;
  direction: Direction;
}

const movementValue = (cell: SeriesCell): MovementValue => ({
  periodLabel: cell.periodLabel,
  value: cell.point?.value ?? null,
  missing: cell.point === null ? cell.missing : cell.point.partial ? 'part of the period only' : null,
});

/** The periods a year apart ending at the quarter: for a quarterly indicator, the same quarter a year before. */
export function yearApart(indicator: Indicator, quarter: Period): [Period, Period] {
  const periods =
    indicator.periodType === 'quarter'
      ? reportingPeriods('quarter', quarter.end, 5)
      : reportingPeriods(indicator.periodType, quarter.end, 2);
  return [periods[0] as Period, periods.at(-1) as Period];
}

export async function indicatorMovement(
  sources: SeriesSources,
  indicator: Indicator,
  quarter: Period,
): Promise<IndicatorMovement> {
  const [before, latest] = await indicatorSeries(sources, indicator, yearApart(indicator, quarter));
  const b = before as SeriesCell;
  const l = latest as SeriesCell;
  // Partial values are shown but never judged, as on the scorecard.
  const judged = [b, l].map((c) => c.point).filter((p): p is ValuePoint => p !== null && !p.partial);
  const assessed = assessIndicator(indicator, l.point === null || l.point.partial ? [] : judged);
  return { indicator, latest: movementValue(l), yearBefore: movementValue(b), direction: assessed.direction };
}
