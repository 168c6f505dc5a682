import type { Polarity } from '../stats/polarity.ts';

/** new − old. */
export function absoluteChange(previous: number, current: number): number {
  return current - previous;
}

/** (new − old) / old × 100; null when old is 0 (shown as "n/a", never Infinity). */
export function percentChange(previous: number, current: number): number | null {
  if (previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

/** Change between two percentages, in percentage points. */
export function percentPointChange(previousPercent: number, currentPercent: number): number {
  return currentPercent - previousPercent;
}

/** "+12.3%", "−4.0%", "0.0%" or "n/a". */
export function formatPercentChange(change: number | null, decimals = 1): string {
  if (change === null) return 'n/a';
  const text = Math.abs(change).toFixed(decimals);
  if (Number(text) === 0) return `${(0).toFixed(decimals)}%`;
  return `${change > 0 ? '+' : '−'}${text}%`;
}

export interface DirectionOfTravel {
  baselineLabel: string;
  baselineValue: number;
  value: number;
  change: number;
  percentChange: number | null;
  direction: 'up' | 'down' | 'no change';
  assessment: 'improving' | 'worsening' | 'no change' | 'not rated';
}

/** Direction of travel against a named baseline period (e.g. the MOPAC baseline 2011/12). */
export function directionOfTravel(
  value: number,
  baselineValue: number,
  baselineLabel: string,
  polarity: Polarity,
): DirectionOfTravel {
  const change = absoluteChange(baselineValue, value);
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'no change';
  const assessment =
    direction === 'no change'
      ? 'no change'
      : polarity === 'no polarity'
        ? 'not rated'
        : (direction === 'up') === (polarity === 'higher is better')
          ? 'improving'
          : 'worsening';
  return {
    baselineLabel,
    baselineValue,
    value,
    change,
    percentChange: percentChange(baselineValue, value),
    direction,
    assessment,
  };
}
