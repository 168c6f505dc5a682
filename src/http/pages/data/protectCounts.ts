import { DISCLOSURE_RULES, type DisclosureRule } from '../../../domain/disclosure/disclosureRule.ts';
import type { Classification } from '../../../db/tables/core.ts';
import type { CountRow } from './batchQueries.ts';

export interface ProtectedCounts {
  rule: DisclosureRule;
  rows: (Omit<CountRow, 'value'> & { value: number | string })[];
  suppressedCells: number;
  note: string;
}

/**
 * Applies the dataset's disclosure rule to an export of counts. Data already
 * public is published as it is; anything shared under the partnership's
 * agreement is treated as case-derived (counts 1–7 shown as the rule's
 * symbol). The export lists cells without totals, so primary suppression is
 * what applies; tables with totals go through the domain's suppressTable.
 */
export function protectCounts(rows: readonly CountRow[], classification: Classification): ProtectedCounts {
  const rule: DisclosureRule =
    classification === 'public' ? DISCLOSURE_RULES.mpsPublished : DISCLOSURE_RULES.caseDerived;
  let suppressedCells = 0;
  const out = rows.map((r) => {
    const range = rule.suppressRange;
    if (range && r.value >= range[0] && r.value <= range[1]) {
      suppressedCells += 1;
      return { ...r, value: rule.symbol };
    }
    return { ...r, value: rule.roundTo ? Math.round(r.value / rule.roundTo) * rule.roundTo : r.value };
  });
  const note =
    suppressedCells === 0
      ? `${rule.description}; nothing suppressed`
      : `${rule.description}; ${suppressedCells} cell(s) suppressed`;
  return { rule, rows: out, suppressedCells, note };
}
