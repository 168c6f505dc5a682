import type { IndicatorSource, Target, Unit } from './indicatorSchema.ts';

/**
 * Short text for an indicator's unit, source and target, as the CLI prints them
 * (and later the scorecard), so every place words them the same way.
 */

export function describeUnit(unit: Unit): string {
  if (unit.kind === 'count') return 'count';
  if (unit.kind === 'rate') return `rate per ${unit.per.toLocaleString('en-GB')} ${unit.population}`;
  return 'percentage';
}

export function describeSource(source: IndicatorSource): string {
  if (source.kind === 'returned') return 'returned';
  if (source.definition !== undefined) return `computed: definition ${source.definition}`;
  if (source.register !== undefined)
    return `computed: register ${source.register.register}, measure ${source.register.measure}`;
  if (source.panel !== undefined)
    return `computed: panel counts, measure ${source.panel.measure}${source.panel.panel ? ` of ${source.panel.panel}` : ''}`;
  const c = source.category;
  return c ? `computed: ${c.classification} ${c.major}${c.minor ? ` / ${c.minor}` : ''}` : 'computed';
}

export function describeTarget(target: Target): string {
  if (target.kind === 'none') return 'no target';
  const band = `amber within ${target.tolerance.amberWithinPercent}%`;
  if (target.kind === 'value') return `${target.value} (${band})`;
  const sign = target.percent > 0 ? '+' : '';
  return `${sign}${target.percent}% against ${target.against} (${band})`;
}
