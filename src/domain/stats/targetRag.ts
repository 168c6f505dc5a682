/** Target RAG: performance against a stated target. Kept apart from benchmark RAG by its `scheme`. */
export type TargetStatus = 'on target' | 'within tolerance' | 'off target';

export interface Target {
  /** What the target says, e.g. "20% reduction against 2011/12". */
  description: string;
  value: number;
  /** How far past the target still counts as "within tolerance", in the value's units. */
  tolerance: number;
  direction: 'at most' | 'at least';
}

export interface TargetAssessment {
  scheme: 'target';
  status: TargetStatus;
  target: Target;
  value: number;
  /** value − target: negative is below the target. */
  gap: number;
}

/** A reduction target against a baseline, e.g. MOPAC's 20% against 2011/12: at most baseline × (1 − reduction). */
export function reductionTarget(
  baselineValue: number,
  reduction: number,
  baselineLabel: string,
  toleranceFraction = 0,
): Target {
  if (!(reduction > 0 && reduction < 1))
    throw new RangeError(`reduction must be a fraction between 0 and 1 (0.2 for 20%), got ${reduction}`);
  const value = baselineValue * (1 - reduction);
  return {
    description: `${Number((reduction * 100).toFixed(2))}% reduction against ${baselineLabel} (${baselineValue})`,
    value,
    tolerance: value * toleranceFraction,
    direction: 'at most',
  };
}

export function assessAgainstTarget(value: number, target: Target): TargetAssessment {
  if (!(target.tolerance >= 0)) throw new RangeError(`tolerance must be 0 or more, got ${target.tolerance}`);
  const gap = value - target.value;
  const shortfall = target.direction === 'at most' ? gap : -gap;
  const status: TargetStatus =
    shortfall <= 0 ? 'on target' : shortfall <= target.tolerance ? 'within tolerance' : 'off target';
  return { scheme: 'target', status, target, value, gap };
}
