export type AdjustmentMethod = 'Benjamini–Hochberg' | 'Bonferroni';

/**
 * Adjusts p-values for testing many cells at once (as R's p.adjust):
 * Bonferroni min(1, m·p); Benjamini–Hochberg step-up, monotone q-values.
 */
export function adjustPValues(pValues: readonly number[], method: AdjustmentMethod): number[] {
  const m = pValues.length;
  if (method === 'Bonferroni') return pValues.map((p) => Math.min(1, p * m));
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach(({ p, i }, k) => {
    const rank = m - k;
    running = Math.min(running, (p * m) / rank);
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}
