import type { Indicator } from '../indicatorSchema.ts';

/*
 * Two values are comparable when they were counted the same way. For a returned value that is the indicator's
 * unit and period type and what the agency was asked for; for a computed one, also the definition (and its
 * version) or category and the source the engine counted it from. A key that changes between two values makes the
 * later one "not comparable" with the earlier, which the pack prints instead of a difference (seed 004).
 */
export function returnedKey(indicator: Indicator): string {
  const unit = indicator.unit.kind === 'rate' ? `rate/${indicator.unit.per}` : indicator.unit.kind;
  const what = indicator.source.kind === 'returned' ? indicator.source.description : 'computed';
  return `returned|${unit}|${indicator.periodType}|${what}`;
}

export function computedKey(
  indicator: Indicator,
  counted: { definition: string; version: number | null; source: string },
): string {
  const unit = indicator.unit.kind === 'rate' ? `rate/${indicator.unit.per}` : indicator.unit.kind;
  return `computed|${unit}|${indicator.periodType}|${counted.definition}@${counted.version ?? '-'}|${counted.source}`;
}
