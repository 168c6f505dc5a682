import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelFactKind } from '../../db/tables/panels.ts';
import { financialQuarter } from '../../domain/periods/period.ts';
import { loadIndicators } from '../../performance/loadIndicators.ts';
import { indicatorSeries } from '../../performance/values/indicatorSeries.ts';
import { panelCountPort } from './panelCountPort.ts';

/*
 * The three panel indicators (indicators/serious-violence.json) over SYNTHETIC facts, worked by hand:
 * - 2026/27 Q1 (April–June 2026): 7 screenings by health and 3 by police, 10 in all: released as 10 (the
 *   indicator is the quarter's total; by agency, 7 and 3 are each suppressed, see panelCounts.test.ts);
 *   2026/27 Q2: 4 screenings, released as withheld (1–7).
 * - referrals to panels in Q1: 40 to MARAC (10 repeats) and 8 to MACE: 48.
 * - repeat MARAC rate in Q1: 10 of 40 = 25.0%; in Q2: 2 of 8 MARAC referrals are repeats, withheld when
 *   released because 2 and 6 are counts of 1–7 (the exact rate, 25.0% with Wilson 7.15–59.07%, is in
 *   panelCounts.test.ts).
 */
const NOW = new Date('2026-08-15T12:00:00Z');
let t: TestDb;
let db: Kysely<DB>;
const QUARTERS = [financialQuarter(2026, 1), financialQuarter(2026, 2)];

async function facts(
  kind: PanelFactKind,
  n: number,
  values: { agency?: string; panel_id?: string; repeat?: boolean; occurred_on: string },
) {
  await db
    .insertInto('panel_fact')
    .values(
      Array.from({ length: n }, () => ({
        kind,
        agency: 'health',
        age_band: '16-17',
        sex: 'male',
        ethnicity_group: 'Mixed',
        source_token: null,
        ...values,
      })),
    )
    .execute();
}

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  await facts('screening', 7, { agency: 'health', occurred_on: '2026-04-02' });
  await facts('screening', 3, { agency: 'police', occurred_on: '2026-06-30' });
  await facts('screening', 4, { agency: 'police', occurred_on: '2026-07-01' });
  await facts('referral', 30, { panel_id: 'marac', occurred_on: '2026-05-01' });
  await facts('referral', 10, { panel_id: 'marac', repeat: true, occurred_on: '2026-05-02' });
  await facts('referral', 8, { panel_id: 'mace', occurred_on: '2026-05-03' });
  await facts('referral', 6, { panel_id: 'marac', occurred_on: '2026-08-01' });
  await facts('referral', 2, { panel_id: 'marac', repeat: true, occurred_on: '2026-08-02' });
}, 60_000);
afterAll(() => t?.drop());

async function series(id: string) {
  const { indicators } = await loadIndicators();
  const indicator = indicators.find((i) => i.id === id);
  if (!indicator) throw new Error(`no indicator ${id}`);
  return indicatorSeries(
    { analyse: null, area: 'E09000030', accepted: [], versions: new Map(), countPanel: panelCountPort(db, NOW) },
    indicator,
    QUARTERS,
  );
}

describe('indicators computed from the panel counts', () => {
  it('screening tool use: 10 in Q1; Q2 (4) withheld and partial', async () => {
    const cells = await series('screening-tool-use');
    expect(cells.map((c) => [c.periodId, c.point?.value ?? c.missing])).toEqual([
      ['2026/27 Q1', 10],
      ['2026/27 Q2', 'the count is withheld by disclosure control'],
    ]);
    expect(cells[0]?.point?.origin).toMatchObject({ kind: 'computed', source: 'Anonymous panel counts' });
    expect(cells[0]?.point?.partial).toBe(false);
  });

  it('referrals to panels: 48 in Q1, and Q2 (8) partial', async () => {
    const cells = await series('panel-referrals');
    expect(cells.map((c) => [c.point?.value, c.point?.partial])).toEqual([
      [48, false],
      [8, true],
    ]);
  });

  it('repeat MARAC rate: 10 of 40 = 25% in Q1; 2 of 8 withheld in Q2', async () => {
    const cells = await series('repeat-marac-referral-rate');
    expect([cells[0]?.point?.value, cells[0]?.point?.numerator, cells[0]?.point?.denominator]).toEqual([25, 10, 40]);
    expect(cells[1]?.missing).toBe('the count is withheld by disclosure control');
  });

  it('has no value, saying why, where no panel port is given', async () => {
    const { indicators } = await loadIndicators();
    const cells = await indicatorSeries(
      { analyse: null, area: 'E09000030', accepted: [], versions: new Map() },
      indicators.find((i) => i.id === 'panel-referrals')!,
      QUARTERS,
    );
    expect(cells.map((c) => c.missing)).toEqual(Array(2).fill('panel counts are not available here'));
  });
});
