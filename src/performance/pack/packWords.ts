import type { Direction } from '../../domain/performance/assessIndicator.ts';
import type { TargetRag } from '../../domain/performance/indicatorRag.ts';
import type { StatisticalRag } from '../../domain/performance/statisticalRag.ts';
import type { Indicator } from '../indicatorSchema.ts';

/* How the pack (and the scorecard) writes values and judgements: words first, never a colour alone. */

const GB = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatValue(indicator: Indicator, value: number | null): string {
  if (value === null) return '';
  if (indicator.unit.kind === 'percentage') return `${GB.format(value)}%`;
  if (indicator.unit.kind === 'rate') return GB.format(value);
  return GB.format(value);
}

export function formatDifference(indicator: Indicator, direction: Direction): string {
  if (!('change' in direction)) return '';
  const sign = direction.change > 0 ? '+' : '';
  if (indicator.unit.kind === 'percentage') return `${sign}${GB.format(direction.change)} pts`;
  const pct =
    direction.percentChange === null
      ? ''
      : ` (${direction.percentChange > 0 ? '+' : ''}${GB.format(direction.percentChange)}%)`;
  return `${sign}${GB.format(direction.change)}${pct}`;
}

export const DIRECTION_WORDS: Record<Direction['state'], string> = {
  improving: 'Improving',
  worsening: 'Worsening',
  'no change': 'No change',
  'not rated': 'Changed (neither better nor worse)',
  'new indicator': 'New indicator',
  'not comparable': 'Not comparable',
  'no value': 'No value',
};

export const TARGET_WORDS: Record<TargetRag['state'], string> = {
  green: 'Green: on target',
  amber: 'Amber: within tolerance',
  red: 'Red: off target',
  'no target': 'No target',
  'not comparable': 'Not comparable',
  'no reference value': 'No reference value',
};

export const STATISTICAL_WORDS: Record<StatisticalRag['state'], string> = {
  'significantly better': 'Significantly better',
  'significantly worse': 'Significantly worse',
  'no significant difference': 'No significant difference',
  'significantly higher': 'Significantly higher (not rated)',
  'significantly lower': 'Significantly lower (not rated)',
  'not tested': 'Not tested',
  'not comparable': 'Not comparable',
  'no comparison': 'No earlier value',
};

/** The target in words with its tolerance band: "at most 180 (amber within 5% of the target)". */
export function targetWords(rag: TargetRag): string {
  return 'tolerance' in rag ? `${rag.says} (${rag.tolerance})` : rag.says;
}
