import { addMonths, monthIndex } from '../../domain/periods/month.ts';
import { assessIndicator, type IndicatorPoint } from '../../domain/performance/assessIndicator.ts';
import type { EntryRules } from '../../domain/performance/returnValidation.ts';
import type { Indicator } from '../indicatorSchema.ts';
import { returnedKey } from '../values/comparability.ts';
import type { StoredValue } from './returnQueries.ts';

/** The month a value's period ends with, 'YYYY-MM', from its end date. */
export const endMonth = (date: string) => date.slice(0, 7);

/**
 * The period a value is judged against: the previous quarter for a quarterly indicator, otherwise the 12 months
 * before (the year before, for a year; never an overlapping rolling position).
 */
export function comparisonEndMonth(indicator: Indicator, periodEnd: string): string {
  return addMonths(endMonth(periodEnd), indicator.periodType === 'quarter' ? -3 : -12);
}

/**
 * The checks for one indicator's value in a return: its earlier comparable accepted values of the same kind of
 * period (for the SPC outlier check), and whether a candidate would be red against its target or worsening
 * against the comparison period (then commentary is required). `versions` gives the body of each indicator
 * version an earlier value was reported under.
 */
export function entryRulesFor(
  indicator: Indicator,
  periodEnd: string,
  earlier: readonly StoredValue[],
  versions: ReadonlyMap<string, Indicator>,
): EntryRules {
  const key = returnedKey(indicator);
  const step = indicator.periodType === 'quarter' ? 3 : 12;
  const points: (IndicatorPoint & { end: string })[] = earlier
    .filter((v) => v.indicatorId === indicator.id && v.periodEnd < periodEnd)
    .map((v) => {
      const body = versions.get(`${v.indicatorId}@${v.indicatorVersion}`);
      return {
        end: endMonth(v.periodEnd),
        periodLabel: `${v.periodStart} to ${v.periodEnd}`,
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
        comparability: body === undefined ? 'unknown' : returnedKey(body),
      };
    });
  // History is the same kind of period, one step apart (years for yearly indicators, not each rolling quarter).
  const month = endMonth(periodEnd);
  const comparable = points.filter(
    (p) => p.comparability === key && (monthIndex(month) - monthIndex(p.end)) % step === 0,
  );
  const previous = comparable.find((p) => p.end === comparisonEndMonth(indicator, periodEnd));
  return {
    unit: indicator.unit.kind,
    history: comparable.map((p) => p.value),
    judge: (parts) => {
      const a = assessIndicator({ unit: indicator.unit, polarity: indicator.polarity, target: indicator.target }, [
        ...(previous === undefined ? [] : [previous]),
        { ...parts, periodLabel: 'this return', comparability: key },
      ]);
      return { red: a.target.state === 'red', worsening: a.direction.state === 'worsening' };
    },
  };
}
