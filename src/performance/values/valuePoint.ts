import type { IndicatorPoint } from '../../domain/performance/assessIndicator.ts';
import type { Month } from '../../domain/periods/month.ts';

/** One value of an indicator for one period, with where it came from. */
export interface ValuePoint extends IndicatorPoint {
  periodId: string;
  start: Month;
  end: Month;
  /** The engine counted fewer months than the period has: shown, but never judged. */
  partial: boolean;
  /** SYNTHETIC demo data: labelled wherever the value shows. */
  synthetic: boolean;
  origin:
    | { kind: 'returned'; returnId: number; valueId: number; commentary: string; enteredAt: string; enteredBy: string }
    | {
        kind: 'computed';
        source: string;
        extractDate: string | null;
        definition: string;
        definitionVersion: number | null;
      };
}

/** A period of an indicator's series: its value, or why there is none. */
export interface SeriesCell {
  periodId: string;
  periodLabel: string;
  point: ValuePoint | null;
  missing: string | null;
}
