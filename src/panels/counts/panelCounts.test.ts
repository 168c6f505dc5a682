import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelFactKind } from '../../db/tables/panels.ts';
import { loadPanels, syncPanels } from '../loadPanels.ts';
import { panelCounts } from './panelCounts.ts';

/*
 * Panel counts worked by hand from facts inserted here, all in 2026/27 Q1 (April–June 2026) unless said:
 * - screenings: 7 by health, 3 by police (and 1 by health on 1 July 2026, in Q2);
 * - MARAC referrals: 8, of which 2 repeats; one MACE referral (not a repeat);
 * - MACE cases first heard after 10, 20, 30 and 40 days: median 25.
 * Released counts use the registers' rule: 1–7 shown as *, with secondary suppression.
 */
let t: TestDb;
let db: Kysely<DB>;
const Q1 = { from: '2026-04-01', to: '2026-06-30' };

async function facts(
  kind: PanelFactKind,
  n: number,
  values: Partial<{ agency: string; panel_id: string; repeat: boolean; days_to_panel: number; occurred_on: string }>,
) {
  for (let i = 0; i < n; i++)
    await db
      .insertInto('panel_fact')
      .values({
        kind,
        occurred_on: '2026-05-10',
        agency: 'health',
        age_band: i % 2 === 0 ? '10-15' : '16-17',
        sex: i % 3 === 0 ? 'male' : 'female',
        ethnicity_group: 'Asian',
        source_token: null,
        ...values,
      })
      .execute();
}

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  await syncPanels(db, await loadPanels());
  await facts('screening', 7, { agency: 'health' });
  await facts('screening', 3, { agency: 'police' });
  await facts('screening', 1, { agency: 'health', occurred_on: '2026-07-01' });
  await facts('referral', 6, { agency: 'police', panel_id: 'marac' });
  await facts('referral', 2, { agency: 'police', panel_id: 'marac', repeat: true });
  await facts('referral', 1, { agency: 'health', panel_id: 'mace' });
  for (const days of [10, 20, 30, 40]) await facts('heard', 1, { panel_id: 'mace', days_to_panel: days });
}, 60_000);
afterAll(() => t?.drop());

const shown = (c: { cells: { category: string; shown: string }[] }) =>
  Object.fromEntries(c.cells.map((x) => [x.category, x.shown]));

describe('panel counts', () => {
  it('screenings by agency in a quarter: exact, and released with 1–7 as *', async () => {
    const q = { measure: 'screenings', ...Q1, period: 'quarter', by: 'agency' } as const;
    const exact = await panelCounts(db, { ...q, suppress: false });
    expect(exact.periods).toEqual([{ id: '2026/27 Q1', label: '2026/27 Q1' }]);
    expect(shown(exact)).toEqual({ health: '7', police: '3' });
    expect(exact.total).toBe('10');
    const released = await panelCounts(db, { ...q, suppress: true });
    // 7 and 3 are both in 1–7; their total, 10, is not.
    expect(shown(released)).toEqual({ health: '*', police: '*' });
    expect([released.periodTotals['2026/27 Q1'], released.total]).toEqual(['10', '10']);
  });

  it('by month, the July screening in its own month; by age band and sex as inserted', async () => {
    const byMonth = await panelCounts(db, {
      measure: 'screenings',
      from: '2026-05-01',
      to: '2026-07-31',
      period: 'month',
      by: 'none',
      suppress: false,
    });
    expect(byMonth.cells.map((c) => [c.period, c.shown])).toEqual([
      ['2026-05', '10'],
      ['2026-06', '0'],
      ['2026-07', '1'],
    ]);
    const age = await panelCounts(db, {
      measure: 'screenings',
      ...Q1,
      period: 'none',
      by: 'age-band',
      suppress: false,
    });
    // Health i = 0..6: 4 aged 10-15, 3 aged 16-17; police i = 0..2: 2 and 1.
    expect(shown(age)).toEqual({ '10-15': '6', '16-17': '4' });
    const sex = await panelCounts(db, { measure: 'screenings', ...Q1, period: 'none', by: 'sex', suppress: false });
    // Male where i is 0, 3 or 6 (health: 3) or 0 (police: 1).
    expect(shown(sex)).toEqual({ female: '6', male: '4' });
  });

  it('repeat MARAC referral rate: 2 of 8 is 25.0%, Wilson 95% 7.15% to 59.07%; withheld when released', async () => {
    const q = { measure: 'repeat-referral-rate', ...Q1, period: 'quarter', by: 'none', panel: 'marac' } as const;
    const exact = await panelCounts(db, { ...q, suppress: false });
    const cell = exact.cells[0];
    // z = 1.959964, z² = 3.841459; spread = z√(z² + 4·2·(1 − 2/8)) = 1.959964 × √9.841459 = 6.148623;
    // (2·2 + z² ∓ spread) / (2(8 + z²)) = (7.841459 ∓ 6.148623) / 23.682918 = 0.071479 and 0.590725.
    expect([cell?.shown, cell?.numerator, cell?.denominator]).toEqual(['25.0%', 2, 8]);
    expect(cell?.lower).toBeCloseTo(7.1479, 3);
    expect(cell?.upper).toBeCloseTo(59.0725, 3);
    // Released: the 2 repeats (and the 6 others) are counts of 1–7, so the rate would give them away.
    const released = await panelCounts(db, { ...q, suppress: true });
    expect([released.cells[0]?.shown, released.cells[0]?.value, released.cells[0]?.lower]).toEqual(['*', null, null]);
  });

  it('referrals by panel, median days to panel, and dates checked', async () => {
    const byPanel = await panelCounts(db, {
      measure: 'referrals',
      ...Q1,
      period: 'none',
      by: 'panel',
      suppress: false,
    });
    expect(shown(byPanel)).toEqual({ mace: '1', marac: '8' });
    const median = await panelCounts(db, {
      measure: 'median-days-to-panel',
      ...Q1,
      period: 'none',
      by: 'none',
      suppress: false,
    });
    expect(median.cells.map((c) => c.value)).toEqual([25]);
    const released = await panelCounts(db, { ...median.query, measure: 'median-days-to-panel', suppress: true });
    expect(released.cells.map((c) => c.shown)).toEqual(['*']);
    await expect(
      panelCounts(db, {
        measure: 'screenings',
        from: '2026-4-1',
        to: '2026-06-30',
        period: 'none',
        by: 'none',
        suppress: true,
      }),
    ).rejects.toThrow('from and to are dates, YYYY-MM-DD');
  });

  it('released counts are of whole months', async () => {
    const c = await panelCounts(db, {
      measure: 'screenings',
      from: '2026-05-10',
      to: '2026-05-10',
      period: 'none',
      by: 'none',
      suppress: true,
    });
    expect([c.query.from, c.query.to, c.total]).toEqual(['2026-05-01', '2026-05-31', '10']);
  });
});
