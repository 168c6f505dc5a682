import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialQuarter } from '../../domain/periods/period.ts';
import { loadIndicators } from '../../performance/loadIndicators.ts';
import { indicatorSeries } from '../../performance/values/indicatorSeries.ts';
import { createRegisterFixture, type RegisterFixture } from '../testing/registerTestDb.ts';
import { registerCountPort } from './registerCountPort.ts';
import { saveSweeps } from './testing/countEntries.ts';

// The indicator "Weapons found in sweeps" (indicators/serious-violence.json) over the SYNTHETIC sweeps of
// testing/countEntries.ts; the values are the hand sums per financial quarter written there.
const NOW = new Date('2026-03-31T12:00:00Z');
let f: RegisterFixture;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  await saveSweeps(f);
}, 180_000);
afterAll(() => f?.t.drop());

const QUARTERS = [financialQuarter(2024, 4), ...[1, 2, 3, 4].map((q) => financialQuarter(2025, q))];

async function series(person: 'viewer' | 'admin', withPort = true) {
  const { indicators } = await loadIndicators();
  const indicator = indicators.find((i) => i.id === 'weapons-found-in-sweeps')!;
  return indicatorSeries(
    {
      analyse: null,
      area: 'E09000030',
      accepted: [],
      versions: new Map(),
      countRegister: withPort ? registerCountPort(f.db, f.people[person], f.registers, NOW) : undefined,
    },
    indicator,
    QUARTERS,
  );
}

describe('an indicator computed from a register measure', () => {
  it('is loaded from indicators/ as a computed indicator with a register source', async () => {
    const { indicators } = await loadIndicators();
    expect(indicators.find((i) => i.id === 'weapons-found-in-sweeps')).toMatchObject({
      periodType: 'quarter',
      leadAgency: 'police',
      source: { kind: 'computed', register: { register: 'weapon-sweeps', measure: 'items-found' } },
    });
  });

  it('has quarterly values equal to the hand sums: 3, 7, 2, 0, 3; the quarter not yet over is partial', async () => {
    const cells = await series('viewer');
    expect(cells.map((c) => [c.periodId, c.point?.value])).toEqual([
      ['2024/25 Q4', 3],
      ['2025/26 Q1', 7],
      ['2025/26 Q2', 2],
      ['2025/26 Q3', 0],
      ['2025/26 Q4', 3],
    ]);
    expect(cells.map((c) => c.point?.partial)).toEqual([false, false, false, false, true]);
    expect(cells[0]?.point?.origin).toMatchObject({ kind: 'computed', source: 'Weapon sweeps register' });
  });

  it('has no value, saying why, for a reader refused the register or where no register port is given', async () => {
    const refused = await series('admin');
    expect(refused.every((c) => c.point === null && c.missing === 'You may not see counts of Weapon sweeps')).toBe(
      true,
    );
    const noPort = await series('viewer', false);
    expect(noPort.map((c) => c.missing)).toEqual(Array(5).fill('register counts are not available here'));
  });
});
