import { addMonths, monthIndex, monthsBetween, type Month } from '../../domain/periods/month.ts';
import { financialQuarter, financialYear, singleMonth } from '../../domain/periods/period.ts';

/*
 * The periods a register's counts fall in, named as the rest of Safer names them (src/domain/periods): months
 * 'Mar 2026' (id 2026-03), financial quarters '2025/26 Q4' (Q1 = Apr–Jun) and financial years '2025/26'.
 */

export type TimeBreakdown = 'month' | 'quarter' | 'financial-year';

/** The first month of the financial year a month lies in, as the year it starts in. */
export const fyStartYear = (month: Month): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
};

/** The period (id and label) a month lies in, for one breakdown. */
export function periodOfMonth(by: TimeBreakdown, month: Month): { id: string; label: string; start: Month } {
  if (by === 'month') {
    const p = singleMonth(month);
    return { id: p.id, label: p.label, start: p.start };
  }
  const fy = fyStartYear(month);
  if (by === 'financial-year') {
    const p = financialYear(fy);
    return { id: p.id, label: p.label, start: p.start };
  }
  const m = Number(month.slice(5, 7));
  const p = financialQuarter(fy, Math.floor(((m + 8) % 12) / 3) + 1);
  return { id: p.id, label: p.label, start: p.start };
}

/** Every period of a breakdown that shares a month with from–to (YYYY-MM-DD, inclusive), oldest first. */
export function periodsBetween(by: TimeBreakdown, from: string, to: string) {
  const first = from.slice(0, 7);
  const last = to.slice(0, 7);
  if (monthIndex(last) < monthIndex(first)) return [];
  const seen = new Map<string, { id: string; label: string; start: Month }>();
  for (const month of monthsBetween(first, last)) {
    const p = periodOfMonth(by, month);
    if (!seen.has(p.id)) seen.set(p.id, p);
  }
  return [...seen.values()];
}

/** The month after the last of a period starting at `start` for a breakdown (for date ranges). */
export const monthsIn = (by: TimeBreakdown): number => (by === 'month' ? 1 : by === 'quarter' ? 3 : 12);
export const lastMonthOf = (by: TimeBreakdown, start: Month): Month => addMonths(start, monthsIn(by) - 1);
