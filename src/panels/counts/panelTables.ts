import type { DisclosureRule } from '../../domain/disclosure/disclosureRule.ts';
import { suppressTable } from '../../domain/disclosure/suppressTable.ts';
import { wilsonInterval } from '../../domain/stats/wilson.ts';

/*
 * The pure half of the panel counts: facts already grouped by period and category (one row per period, category,
 * repeat flag and days to panel, with how many facts) turned into a measure per cell, with the registers'
 * disclosure helper (suppressTable) applied for release. Counts are suppressed as one table (periods × categories,
 * with secondary suppression, so no hidden count is recovered from the totals). A rate or a median is withheld
 * when any count it is made of would be (the rate's referrals, repeats or non-repeats; the median's cases).
 */

export interface GroupedFact {
  period: string;
  category: string;
  repeat: boolean;
  daysToPanel: number | null;
  n: number;
}

export type MeasureKind = 'count' | 'rate' | 'median';

export interface MeasureCell {
  period: string;
  category: string;
  /** The count, the rate in per cent or the median in days; null when withheld. */
  value: number | null;
  /** As released: the number, or the rule's symbol. */
  shown: string;
  suppressed: boolean;
  /** A rate's repeats and referrals, and its 95% Wilson interval in per cent (unrounded); null when withheld or not a rate. */
  numerator: number | null;
  denominator: number | null;
  lower: number | null;
  upper: number | null;
}

export interface MeasureTable {
  cells: MeasureCell[];
  /** Counts only: each period's total over the categories, and the grand total, as released. */
  periodTotals: Record<string, string>;
  total: string;
}

const key = (period: string, category: string) => `${period}\u0000${category}`;
const round1 = (x: number) => Math.round(x * 1000) / 10;

/** Whether the rule withholds a count of n on its own (the 1 × 1 table of the registers' helper). */
export const withheld = (n: number, rule: DisclosureRule): boolean =>
  typeof suppressTable(['n'], ['n'], [[n]], rule).cells[0]?.[0] === 'string';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const plain = (period: string, category: string, value: number): MeasureCell => ({
  period,
  category,
  value,
  shown: value.toLocaleString('en-GB'),
  suppressed: false,
  numerator: null,
  denominator: null,
  lower: null,
  upper: null,
});

const hidden = (period: string, category: string, symbol: string): MeasureCell => ({
  ...plain(period, category, 0),
  value: null,
  shown: symbol,
  suppressed: true,
});

export function measureTable(
  kind: MeasureKind,
  periods: readonly string[],
  categories: readonly string[],
  facts: readonly GroupedFact[],
  rule: DisclosureRule | null,
): MeasureTable {
  const groups = new Map<string, GroupedFact[]>();
  for (const f of facts) groups.set(key(f.period, f.category), [...(groups.get(key(f.period, f.category)) ?? []), f]);
  const of = (p: string, c: string) => groups.get(key(p, c)) ?? [];
  const count = (list: GroupedFact[]) => list.reduce((s, f) => s + f.n, 0);
  if (kind === 'count') {
    const counts = categories.map((c) => periods.map((p) => count(of(p, c))));
    if (rule === null) {
      const cells = categories.flatMap((c, i) => periods.map((p, j) => plain(p, c, counts[i]?.[j] ?? 0)));
      const totals = periods.map((_, j) => counts.reduce((s, row) => s + (row[j] ?? 0), 0));
      return {
        cells,
        periodTotals: Object.fromEntries(periods.map((p, j) => [p, (totals[j] ?? 0).toLocaleString('en-GB')])),
        total: totals.reduce((a, b) => a + b, 0).toLocaleString('en-GB'),
      };
    }
    const table = suppressTable(categories, periods, counts, rule);
    const shown = (v: number | string | undefined) => (typeof v === 'number' ? v.toLocaleString('en-GB') : String(v));
    const cells = categories.flatMap((c, i) =>
      periods.map((p, j) => {
        const v = table.cells[i]?.[j];
        return typeof v === 'number' ? plain(p, c, v) : hidden(p, c, rule.symbol);
      }),
    );
    return {
      cells,
      periodTotals: Object.fromEntries(periods.map((p, j) => [p, shown(table.columnTotals[j])])),
      total: shown(table.grandTotal),
    };
  }
  const cells = categories.flatMap((c) =>
    periods.map((p): MeasureCell => {
      const list = of(p, c);
      if (kind === 'median') {
        const days = list.flatMap((f) => (f.daysToPanel === null ? [] : Array<number>(f.n).fill(f.daysToPanel)));
        if (days.length === 0) return { ...hidden(p, c, 'no data'), suppressed: false };
        if (rule !== null && withheld(days.length, rule)) return hidden(p, c, rule.symbol);
        return plain(p, c, median(days));
      }
      const referrals = count(list);
      const repeats = count(list.filter((f) => f.repeat));
      if (referrals === 0) return { ...hidden(p, c, 'no data'), suppressed: false };
      if (rule !== null && [referrals, repeats, referrals - repeats].some((n) => withheld(n, rule)))
        return hidden(p, c, rule.symbol);
      const w = wilsonInterval(repeats, referrals);
      return {
        ...plain(p, c, w.value * 100),
        shown: `${round1(w.value).toFixed(1)}%`,
        numerator: repeats,
        denominator: referrals,
        lower: w.lower * 100,
        upper: w.upper * 100,
      };
    }),
  );
  return { cells, periodTotals: {}, total: '' };
}
