import type { Period } from '../../domain/periods/period.ts';
import type { Indicator } from '../indicatorSchema.ts';
import { computedKey } from './comparability.ts';
import type { ValuePoint } from './valuePoint.ts';

/**
 * A panel measure's value for one period (issue 21), from the anonymous panel counts as released (small counts
 * suppressed, src/panels/counts): the same for every reader, so any partnership reader sees it. A port, like
 * register counts: src/performance reads the panels through whoever serves the page.
 */
export type CountPanel = (
  measure: string,
  panel: string | undefined,
  period: Period,
) => Promise<{
  /** A count, a percentage or a median in days; null when withheld by disclosure control. */
  value: number | null;
  /** Why a null value: withheld by disclosure control (true) or nothing to measure (false). */
  withheld: boolean;
  /** A percentage's numerator and denominator (repeats and referrals); null otherwise. */
  numerator: number | null;
  denominator: number | null;
  measureLabel: string;
  /** The period has not ended: shown, never judged. */
  partial: boolean;
}>;

export async function panelValue(
  countPanel: CountPanel | null | undefined,
  indicator: Indicator,
  period: Period,
): Promise<ValuePoint | { missing: string }> {
  const source = indicator.source;
  if (source.kind !== 'computed' || source.panel === undefined) return { missing: 'not a panel indicator' };
  if (countPanel == null) return { missing: 'panel counts are not available here' };
  const { measure, panel } = source.panel;
  const counted = await countPanel(measure, panel, period);
  if (counted.value === null)
    return {
      missing: counted.withheld ? 'the count is withheld by disclosure control' : 'no panel counts in the period',
    };
  const percentage = indicator.unit.kind === 'percentage';
  return {
    periodId: period.id,
    periodLabel: period.label,
    start: period.start,
    end: period.end,
    value: counted.value,
    numerator: percentage ? counted.numerator : counted.value,
    denominator: percentage ? counted.denominator : null,
    comparability: computedKey(indicator, {
      definition: `panel ${measure}${panel ? `/${panel}` : ''}`,
      version: 1,
      source: 'panels',
    }),
    partial: counted.partial,
    synthetic: false,
    origin: {
      kind: 'computed',
      source: 'Anonymous panel counts',
      extractDate: null,
      definition: counted.measureLabel,
      definitionVersion: 1,
    },
  };
}
