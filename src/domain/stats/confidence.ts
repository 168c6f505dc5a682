import { normalQuantile } from './normal.ts';

/** A two-sided confidence level as a fraction: 0.95 by default, 0.998 for the Fingertips second tier. */
export type ConfidenceLevel = number;

export const DEFAULT_CONFIDENCE: ConfidenceLevel = 0.95;

/** The level as people read it: 0.95 → "95%", 0.998 → "99.8%". */
export function formatConfidence(level: ConfidenceLevel): string {
  return `${Number((level * 100).toFixed(4))}%`;
}

export function assertConfidence(level: ConfidenceLevel): void {
  if (!(level > 0 && level < 1))
    throw new RangeError(`confidence level must be between 0 and 1 (e.g. 0.95), got ${level}`);
}

/** The two-sided normal critical value: 1.959964 for 95%, 3.090232 for 99.8%. */
export function zForConfidence(level: ConfidenceLevel): number {
  assertConfidence(level);
  return normalQuantile(1 - (1 - level) / 2);
}
