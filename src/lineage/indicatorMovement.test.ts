import { describe, expect, it } from 'vitest';
import { parseQuarter } from '../domain/performance/indicatorPeriods.ts';
import { loadIndicators } from '../performance/loadIndicators.ts';
import type { Indicator } from '../performance/indicatorSchema.ts';
import type { StoredValue } from '../performance/returns/returnQueries.ts';
import { indicatorMovement } from './indicatorMovement.ts';

/* An indicator's movement over a year, from accepted returned values written by hand (SYNTHETIC). */

const accepted = (indicatorId: string, periodStart: string, periodEnd: string, value: number): StoredValue => ({
  id: 1,
  returnId: 1,
  indicatorId,
  indicatorVersion: 1,
  periodStart,
  periodEnd,
  value,
  numerator: null,
  denominator: null,
  commentary: '',
  outlierNote: '',
  replaces: null,
  reason: '',
  enteredBy: 1,
  enteredByEmail: 'police@test.invalid',
  enteredAt: new Date('2025-10-10T00:00:00Z'),
  synthetic: true,
});

async function asbCalls(): Promise<Indicator> {
  const found = (await loadIndicators()).indicators.find((i) => i.id === 'asb-calls');
  if (found === undefined) throw new Error('asb-calls is in the starter set');
  return found;
}

describe('indicator movement', () => {
  it('compares the latest October–September year with the one before: 1,200 to 1,000 calls is improving', async () => {
    const asb = await asbCalls();
    const movement = await indicatorMovement(
      {
        analyse: null,
        area: 'E09000030',
        accepted: [
          accepted('asb-calls', '2023-10-01', '2024-09-30', 1200),
          accepted('asb-calls', '2024-10-01', '2025-09-30', 1000),
        ],
        versions: new Map([['asb-calls@1', asb]]),
      },
      asb,
      parseQuarter('2025/26 Q2'),
    );
    expect(movement.yearBefore).toEqual({ periodLabel: 'Oct 2023–Sep 2024', value: 1200, missing: null });
    expect(movement.latest).toEqual({ periodLabel: 'Oct 2024–Sep 2025', value: 1000, missing: null });
    // Lower is better: 200 fewer calls, 16.7% fewer.
    expect(movement.direction).toMatchObject({ state: 'improving', change: -200 });
    expect('percentChange' in movement.direction && movement.direction.percentChange).toBeCloseTo(-16.667, 2);
  });

  it('for a quarterly indicator, the same quarter a year before; a missing value is said, not judged', async () => {
    const quarterly: Indicator = { ...(await asbCalls()), id: 'asb-quarterly', periodType: 'quarter' };
    const movement = await indicatorMovement(
      {
        analyse: null,
        area: 'E09000030',
        accepted: [accepted('asb-quarterly', '2025-07-01', '2025-09-30', 300)],
        versions: new Map([['asb-quarterly@1', quarterly]]),
      },
      quarterly,
      parseQuarter('2025/26 Q2'),
    );
    expect(movement.yearBefore).toEqual({ periodLabel: '2024/25 Q2', value: null, missing: 'no accepted return' });
    expect(movement.latest).toEqual({ periodLabel: '2025/26 Q2', value: 300, missing: null });
    expect(movement.direction).toEqual({ state: 'new indicator' });
  });
});
