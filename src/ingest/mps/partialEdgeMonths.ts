/**
 * MPS rolling extracts sometimes open with a stub month: recorded-crime-ward.csv's
 * first column (2024-02) holds 40 crimes for all London against ~74,000 in the
 * previous extract. Letting such a column "replace" a complete month would make
 * the current figure wrong, so a first or last month whose total is under 10% of
 * the file's median month is treated as partial and not imported (the batch
 * notes say so). Interior months are never dropped: a real fall is data.
 */
export const PARTIAL_SHARE = 0.1;

export function partialEdgeMonths(totals: ReadonlyMap<string, number>): string[] {
  const months = [...totals.keys()].sort();
  if (months.length < 6) return [];
  const sorted = [...totals.values()].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  if (median <= 0) return [];
  const edges = [...new Set([months[0]!, months[months.length - 1]!])];
  return edges.filter((m) => (totals.get(m) ?? 0) < PARTIAL_SHARE * median);
}
