import type { Figure } from '../analysis/figure.ts';
import type { AnalysisResult } from '../analysis/analysisResult.ts';
import type { FigureShape, FigureShapes } from '../analysis/figureShapes.ts';
import type { DisclosureRule } from '../domain/disclosure/disclosureRule.ts';
import { suppressTable } from '../domain/disclosure/suppressTable.ts';
import { CORE_FIELDS, fieldRule } from './disclosureRules.ts';

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
export interface ProtectedFigures<F extends Figure = Figure> {
  figures: F[];
  /** How many figures were hidden, primary and secondary together. */
  suppressedFigures: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function protectFigures<S extends FigureShape>(
  shape: S,
  figures: readonly FigureShapes[S][],
  rule: DisclosureRule,
): ProtectedFigures<FigureShapes[S]> {
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

  // Every field a shape adds is released by its rule (disclosureRules.ts); one without a rule stops the release.
  const added = (f: Figure) => Object.keys(f).filter((key) => !CORE_FIELDS.has(key));
  const out = figures.map((f, i): FigureShapes[S] => {
    const reason = hidden.get(i);
    const base = { disclosureRule: rule.id };
    const extras = new Map(Object.entries(f));
    if (reason !== undefined || (denominatorHidden && !shares)) {
      const copy: Record<string, unknown> = {
        ...f,
        count: reason !== undefined ? null : f.count,
        rate: reason !== undefined ? null : f.rate,
        lower: reason !== undefined ? null : f.lower,
        upper: reason !== undefined ? null : f.upper,
      };
      if (shares) copy.denominator = denominatorHidden ? null : publishedDenominator;
      for (const key of added(f)) if (fieldRule(shape, key) !== 'describes') copy[key] = null;
      const marked =
        reason !== undefined
          ? { ...copy, ...base, suppressed: true, suppression: reason }
          : { ...copy, ...base, suppressed: false };
      return marked as FigureShapes[S];
    }
    const copy: Record<string, unknown> = { ...f, count: published.get(i) ?? f.count };
    if (shares) copy.denominator = denominatorHidden ? null : publishedDenominator;
    for (const key of added(f)) {
      const fieldIs = fieldRule(shape, key);
      copy[key] =
        fieldIs === 'describes' ? extras.get(key) : protectNested(extras.get(key), rule, fieldIs === 'nested');
    }
    return { ...copy, ...base, suppressed: false } as FigureShapes[S];
  });
  return { figures: out, suppressedFigures: hidden.size };
}

/**
 * Nested figures (a comparison period, a benchmark, a cost line) whose count is small lose every number; others
 * are rounded if the rule rounds. A cost line's count is its recorded offences (`recorded`), checked only in a
 * field whose rule is 'nested'.
 */
function protectNested(value: unknown, rule: DisclosureRule, nested = false): unknown {
  if (Array.isArray(value)) return value.map((v) => protectNested(v, rule, nested));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const fields = value as Record<string, unknown>;
  const countKey = 'count' in fields || !nested ? 'count' : 'recorded';
  const count = fields[countKey];
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
      k === countKey && isCount(v) && rule.roundTo
        ? Math.round(v / rule.roundTo) * rule.roundTo
        : protectNested(v, rule, nested),
    ]),
  );
}

/** protectFigures over a whole answer, whatever its shape; the answer keeps its shape. */
export function protectResult(result: AnalysisResult, rule: DisclosureRule): ProtectedResult {
  const { figures, suppressedFigures } = protectFigures<FigureShape>(result.shape, result.figures, rule);
  // protectFigures returns figures of the shape it was given, so the pairing of shape and figures still holds.
  return { result: { ...result, figures } as AnalysisResult, suppressedFigures };
}

export interface ProtectedResult {
  result: AnalysisResult;
  suppressedFigures: number;
}
