import { addMonths, monthParts, type Month } from '../periods/month.ts';
import {
  financialQuarter,
  financialYear,
  rolling12Months,
  strategicAssessmentYear,
  type Period,
} from '../periods/period.ts';

/*
 * Which period an indicator's value covers. Returns are quarterly; each value is for the period of the
 * indicator's type that ends with the quarter: the quarter itself for quarterly indicators, otherwise the 12
 * months to the quarter's end. At the quarter that closes a year (Q4 for financial years, Q2 for
 * October–September years) those 12 months are the year itself, which is what the pack's year columns show.
 */

export type IndicatorPeriodType = 'financial-year' | 'october-september' | 'quarter' | 'rolling-12-months';

/** Thrown for a quarter label that is not 'YYYY/YY QN'. */
export class QuarterLabelError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a quarter: write the financial year and quarter, e.g. 2024/25 Q3 (Q1 = April–June)`);
    this.name = 'QuarterLabelError';
  }
}

/** '2024/25 Q3' → October–December 2024. The years must follow each other (2024/25, not 2024/26). */
export function parseQuarter(label: string): Period {
  const m = /^\s*(\d{4})\/(\d{2})\s*Q([1-4])\s*$/i.exec(label);
  if (m === null) throw new QuarterLabelError(label);
  const start = Number(m[1]);
  if ((start + 1) % 100 !== Number(m[2])) throw new QuarterLabelError(label);
  return financialQuarter(start, Number(m[3]));
}

/** The quarter a month falls in. */
export function quarterOf(month: Month): Period {
  const { year, month: m } = monthParts(month);
  const fyStart = m >= 4 ? year : year - 1;
  return financialQuarter(fyStart, Math.floor(((m + 8) % 12) / 3) + 1);
}

/** The period a value of this type reported in the quarter covers. */
export function valuePeriod(type: IndicatorPeriodType, quarter: Period): Period {
  if (type === 'quarter') return quarter;
  const r = rolling12Months(quarter.end);
  const { year, month } = monthParts(quarter.end);
  if (type === 'financial-year' && month === 3) return financialYear(year - 1);
  if (type === 'october-september' && month === 9) return strategicAssessmentYear(year - 1);
  return r;
}

/** True when the value period is a whole year of the indicator's type (not a rolling position within one). */
export function closesYear(type: IndicatorPeriodType, quarter: Period): boolean {
  const { month } = monthParts(quarter.end);
  return (type === 'financial-year' && month === 3) || (type === 'october-september' && month === 9);
}

/**
 * The last `count` reporting periods of a type, oldest first, ending at or before a month: whole years for the
 * yearly types (seed 004's "last four October–September years"), quarters for quarterly ones, and for rolling 12
 * months the 12 months to the last quarter's end and to the same month in each year before (a year apart, so no two
 * overlap and each can be tested against the one before).
 */
export function reportingPeriods(type: IndicatorPeriodType, endingBy: Month, count: number): Period[] {
  const out: Period[] = [];
  let end = endingBy;
  if (type === 'financial-year' || type === 'october-september') {
    const closing = type === 'financial-year' ? 3 : 9;
    while (monthParts(end).month !== closing) end = addMonths(end, -1);
    for (let i = count - 1; i >= 0; i--) {
      const y = monthParts(addMonths(end, -12 * i)).year - 1;
      out.push(type === 'financial-year' ? financialYear(y) : strategicAssessmentYear(y));
    }
    return out;
  }
  const q = quarterOf(end);
  const lastEnd = q.end === end ? end : addMonths(q.start, -1);
  for (let i = count - 1; i >= 0; i--) {
    const qEnd = addMonths(lastEnd, (type === 'quarter' ? -3 : -12) * i);
    out.push(type === 'quarter' ? quarterOf(qEnd) : rolling12Months(qEnd));
  }
  return out;
}
