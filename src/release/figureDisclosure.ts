import type { Figure } from '../analysis/figure.ts';
import type { DisclosureRule } from '../domain/disclosure/disclosureRule.ts';
import { suppressTable } from '../domain/disclosure/suppressTable.ts';

/**
 * Disclosure control for figures (docs/decisions/0003): the owner's rule is
 * applied to the counts behind a set of figures before they leave for a reader
 * who may not see the rows, or for any export.
 *
 * The figures of one answer are treated as one table with a published total:
 * - shares (no multiplier, one whole-number denominator): the cells are the
 *   counts plus the unnamed remainder (denominator − their sum), and the
 *   denominator is the total, so "everyone else" cannot reveal a small group;
 *   shares that overlap (their counts add up to more than the denominator)
 *   are protected one by one against their own complement;
 * - anything else (rates per population, series, places): the cells are the
 *   counts and their sum is the total, since a headline figure shows it.
 * Primary suppression hides counts in the rule's range; secondary suppression
 * hides the next smallest cells so no hidden cell is the total minus the rest.
 * A hidden figure loses its count, rate, limits and everything derived from
 * them (change, ratios, ranks, SPC flags). Nested counts (comparison periods,
 * benchmarks) in the range are hidden with the numbers derived from them.
 */
export interface ProtectedFigures {
  figures: Figure[];
  /** How many figures were hidden, primary and secondary together. */
  suppressedFigures: number;
}

/** Extras that describe a figure rather than derive from its count, kept on hidden figures. */
const DESCRIPTIVE = new Set(['name', 'partial', 'note', 'imdDecile', 'of']);
const CORE = new Set([
  'group',
  'count',
  'denominator',
  'rate',
  'lower',
  'upper',
  'multiplier',
  'method',
  'confidence',
  'definition',
  'source',
  'extractDate',
]);

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function protectFigures(figures: readonly Figure[], rule: DisclosureRule): ProtectedFigures {
  const counted = figures.map((f, i) => ({ f, i })).filter(({ f }) => isCount(f.count));
  const hidden = new Map<number, 'primary' | 'secondary'>();
  const published = new Map<number, number>();
  let denominatorHidden = false;
  let publishedDenominator: number | null = null;

  const denominators = new Set(counted.map(({ f }) => f.denominator));
  const firstDenominator = counted[0]?.f.denominator;
  const shares =
    counted.length > 0 &&
    counted.every(({ f }) => f.multiplier === null) &&
    denominators.size === 1 &&
    isCount(firstDenominator);
  const sum = counted.reduce((s, { f }) => s + (f.count as number), 0);

  /** Runs the rule over one line of cells with its total; `names` are figure indexes (null for the remainder). */
  const protectLine = (names: (number | null)[], values: number[]) => {
    const columns = values.map((_, c) => `c${c}`);
    const table = suppressTable(['count'], columns, [values], rule);
    const cells = table.cells[0] ?? [];
    names.forEach((index, c) => {
      if (index === null) return;
      const cell = cells[c];
      if (cell === rule.symbol) {
        const record = table.suppressed.find((s) => s.row === 'count' && s.column === columns[c]);
        hidden.set(index, hidden.get(index) === 'primary' ? 'primary' : (record?.reason ?? 'secondary'));
      } else if (typeof cell === 'number') published.set(index, cell);
    });
    return table.grandTotal;
  };

  if (shares && sum <= (firstDenominator as number)) {
    const remainder = (firstDenominator as number) - sum;
    const names: (number | null)[] = [...counted.map(({ i }) => i), ...(remainder > 0 ? [null] : [])];
    const total = protectLine(names, [
      ...counted.map(({ f }) => f.count as number),
      ...(remainder > 0 ? [remainder] : []),
    ]);
    denominatorHidden = total === rule.symbol;
    publishedDenominator = typeof total === 'number' ? total : null;
  } else if (shares) {
    for (const { f, i } of counted) {
      const total = protectLine([i, null], [f.count as number, (f.denominator as number) - (f.count as number)]);
      if (total === rule.symbol) denominatorHidden = true;
      else publishedDenominator = total as number;
    }
  } else if (counted.length > 0) {
    const total = protectLine(
      counted.map(({ i }) => i),
      counted.map(({ f }) => f.count as number),
    );
    // A hidden total means every positive cell is small: series-level extras (SPC centre × months) would give it away.
    denominatorHidden = total === rule.symbol;
  }

  const out = figures.map((f, i): Figure => {
    const reason = hidden.get(i);
    const base = { disclosureRule: rule.id };
    if (reason !== undefined || (denominatorHidden && !shares)) {
      const copy: Figure = {
        ...f,
        count: reason !== undefined ? null : f.count,
        rate: reason !== undefined ? null : f.rate,
        lower: reason !== undefined ? null : f.lower,
        upper: reason !== undefined ? null : f.upper,
      };
      if (shares) copy.denominator = denominatorHidden ? null : publishedDenominator;
      for (const key of Object.keys(f)) if (!CORE.has(key) && !DESCRIPTIVE.has(key)) copy[key] = null;
      return reason !== undefined
        ? { ...copy, ...base, suppressed: true, suppression: reason }
        : { ...copy, ...base, suppressed: false };
    }
    const copy: Figure = { ...f, count: published.get(i) ?? f.count };
    if (shares) copy.denominator = denominatorHidden ? null : publishedDenominator;
    for (const key of Object.keys(f)) if (!CORE.has(key)) copy[key] = protectNested(f[key], rule);
    return { ...copy, ...base, suppressed: false };
  });
  return { figures: out, suppressedFigures: hidden.size };
}

/** Nested figures (a comparison period, a benchmark) whose count is small lose every number; others are rounded if the rule rounds. */
function protectNested(value: unknown, rule: DisclosureRule): unknown {
  if (Array.isArray(value)) return value.map((v) => protectNested(v, rule));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const count = (value as Record<string, unknown>).count;
  const range = rule.suppressRange;
  if (isCount(count) && range && count >= range[0] && count <= range[1]) {
    const hiddenEntries = entries.map(
      ([k, v]) => [k, typeof v === 'number' ? null : k === 'percentChangeText' ? rule.symbol : v] as const,
    );
    return { ...Object.fromEntries(hiddenEntries), suppressed: true };
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [
      k,
      k === 'count' && isCount(v) && rule.roundTo
        ? Math.round(v / rule.roundTo) * rule.roundTo
        : protectNested(v, rule),
    ]),
  );
}
