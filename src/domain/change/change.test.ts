import { describe, expect, it } from 'vitest';
import { absoluteChange, directionOfTravel, formatPercentChange, percentChange, percentPointChange } from './change.ts';

describe('change', () => {
  it.each([
    // previous, current, absolute, percent, shown
    [100, 112, 12, 12, '+12.0%'],
    [200, 150, -50, -25, '−25.0%'],
    [3, 3, 0, 0, '0.0%'],
    [0, 5, 5, null, 'n/a'],
    [0, 0, 0, null, 'n/a'],
    // TH MOPAC 7 2015/16 vs 2014/15 in the CSP plan: 13,077 vs 12,484 → +4.75%, shown there as +4.8%
    [12484, 13077, 593, 4.75008010253124, '+4.8%'],
  ] as const)('%s → %s', (previous, current, absolute, percent, shown) => {
    expect(absoluteChange(previous, current)).toBe(absolute);
    const p = percentChange(previous, current);
    if (percent === null) expect(p).toBeNull();
    else expect(p).toBeCloseTo(percent, 10);
    expect(formatPercentChange(p)).toBe(shown);
    expect(Number.isFinite(p ?? 0)).toBe(true);
  });

  it('percentage points', () => expect(percentPointChange(12.5, 12.6)).toBeCloseTo(0.1, 12));

  it.each([
    [80, 100, 'lower is better', 'down', 'improving'],
    [120, 100, 'lower is better', 'up', 'worsening'],
    [120, 100, 'higher is better', 'up', 'improving'],
    [120, 100, 'no polarity', 'up', 'not rated'],
    [100, 100, 'lower is better', 'no change', 'no change'],
  ] as const)('direction of travel %s vs baseline %s (%s)', (value, baseline, polarity, direction, assessment) => {
    const d = directionOfTravel(value, baseline, '2011/12 (MOPAC baseline)', polarity);
    expect(d).toMatchObject({
      direction,
      assessment,
      baselineLabel: '2011/12 (MOPAC baseline)',
      change: value - baseline,
    });
  });
});
