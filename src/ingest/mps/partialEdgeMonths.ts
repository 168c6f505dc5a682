import type { PartialMonth } from '../../db/tables/core.ts';

/**
 * MPS rolling extracts sometimes open with a stub month: recorded-crime-ward.csv's
 * first column (2024-02) holds 40 crimes for all London against ~74,000 in the
 * previous extract. Letting such a column "replace" a complete month would make
 * the current figure wrong, so a first or last month whose total is under 10% of
 * the file's median month is treated as partial and not imported (the batch
 * records it: import_batch.partial_months, migration 0015). Interior months are
 * never dropped: a real fall is data.
 */
export const PARTIAL_SHARE = 0.1;

/** The median of the monthly totals (the mean of the middle two for an even count); 0 for none. */
export function medianMonthTotal(totals: ReadonlyMap<string, number>): number {
  const sorted = [...totals.values()].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function partialEdgeMonths(totals: ReadonlyMap<string, number>): string[] {
  const months = [...totals.keys()].sort();
  if (months.length < 6) return [];
  const median = medianMonthTotal(totals);
  if (median <= 0) return [];
  const edges = [...new Set([months[0]!, months[months.length - 1]!])];
  return edges.filter((m) => (totals.get(m) ?? 0) < PARTIAL_SHARE * median);
}

/** The partial edge months with what they held and the median they fell short of, as the batch stores them. */
export function partialEdgeMonthDetails(totals: ReadonlyMap<string, number>): PartialMonth[] {
  const median = Math.round(medianMonthTotal(totals));
  return partialEdgeMonths(totals).map((m) => ({
    month: m.slice(0, 7),
    offences: totals.get(m) ?? 0,
    medianMonth: median,
  }));
}
