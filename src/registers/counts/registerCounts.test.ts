import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from '../entryStore.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../testing/registerTestDb.ts';
import { registerCounts } from './registerCounts.ts';
import { saveTensions, saveSweeps, WARDS } from './testing/countEntries.ts';

// SYNTHETIC entries on real Tower Hamlets outlines; every expected number below is worked out by hand from the
// entries listed in testing/countEntries.ts.
const NOW = new Date('2026-03-31T12:00:00Z');
let f: RegisterFixture;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  await saveSweeps(f);
  await saveTensions(f);
  // A draft is never counted: 9 knives that would show in April 2025 if it were.
  await saveEntry(
    f.db,
    f.ctx,
    f.people.policeAnalyst,
    'weapon-sweeps',
    { swept_on: '2025-04-05', location: 'Draft Lane', team: 'SNT', 'items.knife': '9', ...POINTS.whitechapel },
    { submit: false },
  );
}, 180_000);
afterAll(() => f?.t.drop());

const sweeps = () => f.registers.get('weapon-sweeps')!;
const tensions = () => f.registers.get('community-tensions')!;
const YEAR = { from: '2025-03-01', to: '2026-03-31' };
const values = (r: { rows: { key: string; shown: string }[] }) =>
  Object.fromEntries(r.rows.map((x) => [x.key, x.shown]));

describe('registerCounts for a reader of the register (exact)', () => {
  it('entries and the sum of a counts field differ: 6 sweeps found 15 items, 10 of them knives, 1 firearm', async () => {
    const at = (m: string) => registerCounts(f.db, f.people.viewer, sweeps(), m, { ...YEAR, by: 'none' });
    expect((await at('sweeps')).total.value).toBe(6);
    expect((await at('items-found')).total.value).toBe(15); // 3 + 2 + 0 + 5 + 2 + 3
    expect((await at('knives-found')).total.value).toBe(10); // 2 + 1 + 0 + 4 + 0 + 3
    expect((await at('firearms-found')).total.value).toBe(1);
    expect((await at('items-found')).access).toBe('exact');
  });

  it('by month: every month from March 2025 to March 2026, zeros included', async () => {
    const r = await registerCounts(f.db, f.people.viewer, sweeps(), 'items-found', { ...YEAR, by: 'month' });
    expect(r.rows.map((x) => x.label)).toEqual([
      'Mar 2025',
      'Apr 2025',
      'May 2025',
      'Jun 2025',
      'Jul 2025',
      'Aug 2025',
      'Sep 2025',
      'Oct 2025',
      'Nov 2025',
      'Dec 2025',
      'Jan 2026',
      'Feb 2026',
      'Mar 2026',
    ]);
    expect(r.rows.map((x) => x.value)).toEqual([3, 2, 0, 5, 2, 0, 0, 0, 0, 0, 3, 0, 0]);
  });

  it('by financial quarter and financial year, named as Safer names them', async () => {
    const q = await registerCounts(f.db, f.people.viewer, sweeps(), 'items-found', { ...YEAR, by: 'quarter' });
    expect(values(q)).toEqual({
      '2024/25 Q4': '3',
      '2025/26 Q1': '7', // 2 (2 Apr) + 0 (20 Apr) + 5 (30 Jun)
      '2025/26 Q2': '2', // 1 Jul: the first day of Q2
      '2025/26 Q3': '0',
      '2025/26 Q4': '3',
    });
    const y = await registerCounts(f.db, f.people.viewer, sweeps(), 'items-found', { ...YEAR, by: 'financial-year' });
    expect(values(y)).toEqual({ '2024/25': '3', '2025/26': '12' });
  });

  it('by ward and LSOA, from the place each sweep lies in', async () => {
    const w = await registerCounts(f.db, f.people.viewer, sweeps(), 'sweeps', { ...YEAR, by: 'ward' });
    expect(values(w)).toEqual({ [WARDS.spitalfields]: '3', [WARDS.mileEnd]: '3' });
    expect(w.rows.find((x) => x.key === WARDS.spitalfields)?.label).toBe('Spitalfields & Banglatown');
    const items = await registerCounts(f.db, f.people.viewer, sweeps(), 'items-found', { ...YEAR, by: 'lsoa' });
    expect(values(items)).toEqual({ E01004208: '7', E01004270: '8' }); // 3 + 2 + 2 and 0 + 5 + 3
  });

  it('sums an integer field (victims of serious incidents) and a counts term (victims under 18)', async () => {
    // SYNTHETIC: 2 victims (1 under 18) on 3 May 2025, 3 victims (2 under 18) on 4 June 2025.
    for (const [at, victims, under18] of [
      ['2025-05-03 21:40', '2', '1'],
      ['2025-06-04 23:05', '3', '2'],
    ] as const)
      await saveEntry(
        f.db,
        f.ctx,
        f.people.policeAnalyst,
        'serious-incidents',
        {
          occurred_at: at,
          location: 'SYNTHETIC',
          incident_type: 'stabbing',
          victims,
          'victim_ages.under 18': under18,
          impact_assessment: 'SYNTHETIC',
          ...POINTS.mileEndPark,
        },
        { submit: true },
      );
    const incidents = f.registers.get('serious-incidents')!;
    const at = (m: string) => registerCounts(f.db, f.people.policeAnalyst, incidents, m, { ...YEAR, by: 'month' });
    const months = (r: Awaited<ReturnType<typeof at>>) =>
      r.rows.filter((x) => x.value !== 0).map((x) => [x.key, x.value]);
    expect(months(await at('victims'))).toEqual([
      ['2025-05', 2],
      ['2025-06', 3],
    ]);
    expect((await at('young-victims')).total.value).toBe(3);
    expect((await at(incidents.measures[0]!.id)).total.value).toBe(2);
  });

  it('a named reader of community tensions gets exact counts by quarter', async () => {
    const r = await registerCounts(f.db, f.people.policeAnalyst, tensions(), 'tensions', {
      from: '2025-04-01',
      to: '2026-03-31',
      by: 'quarter',
    });
    expect(r.access).toBe('exact');
    expect(values(r)).toEqual({ '2025/26 Q1': '3', '2025/26 Q2': '9', '2025/26 Q3': '10', '2025/26 Q4': '0' });
    expect(r.total.value).toBe(22);
  });
});

describe('registerCounts outside the readership', () => {
  it('a counts-only reader sees 1–7 as *, the next smallest hidden too so the total cannot reveal it', async () => {
    const r = await registerCounts(f.db, f.people.healthAnalyst, tensions(), 'tensions', {
      from: '2025-04-01',
      to: '2026-03-31',
      by: 'quarter',
    });
    expect(r.access).toBe('suppressed');
    expect(r.rule?.id).toBe('case-derived');
    // Q1 = 3 is primary (1–7); the total 22 is shown, so the smallest other positive count (Q2 = 9) is hidden too.
    expect(values(r)).toEqual({ '2025/26 Q1': '*', '2025/26 Q2': '*', '2025/26 Q3': '10', '2025/26 Q4': '0' });
    expect(r.rows.filter((x) => x.suppressed).every((x) => x.value === null)).toBe(true);
    expect(r.total.shown).toBe('22');
  });

  it('by ward: a ward with 3 tensions is never shown as a number to a counts-only reader', async () => {
    const r = await registerCounts(f.db, f.people.viewer, tensions(), 'tensions', { ...YEAR, by: 'ward' });
    expect(values(r)).toEqual({ [WARDS.spitalfields]: '*', [WARDS.mileEnd]: '*', [WARDS.poplar]: '10' });
    expect(JSON.stringify(r)).not.toMatch(/"value":3\b|"value":9\b/);
  });

  it('counts whole months for a counts-only reader, so two ranges a day apart cannot be subtracted', async () => {
    // Spitalfields' 3 tensions are dated 1, 2 and 3 May 2025: 2–31 May would hold 2, and 1–31 May 3.
    const r = await registerCounts(f.db, f.people.viewer, tensions(), 'tensions', {
      from: '2025-05-02',
      to: '2025-05-20',
      by: 'none',
    });
    expect(r.query).toMatchObject({ from: '2025-05-01', to: '2025-05-31' });
    expect(r.total.shown).toBe('*');
    const exact = await registerCounts(f.db, f.people.policeAnalyst, tensions(), 'tensions', {
      from: '2025-05-02',
      to: '2025-05-20',
      by: 'none',
    });
    expect([exact.query.from, exact.total.value]).toEqual(['2025-05-02', 2]);
  });

  it('a total of 1–7 alone is suppressed', async () => {
    const r = await registerCounts(f.db, f.people.viewer, tensions(), 'tensions', {
      from: '2025-05-01',
      to: '2025-05-31',
      by: 'none',
    });
    expect(r.total).toMatchObject({ shown: '*', value: null, suppressed: true });
  });

  it('refuses a register that does not release counts, and an administrator any register', async () => {
    const closed = { ...tensions(), releaseCounts: false };
    await expect(
      registerCounts(f.db, f.people.viewer, closed, 'tensions', { ...YEAR, by: 'none' }),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
    await expect(
      registerCounts(f.db, f.people.admin, sweeps(), 'sweeps', { ...YEAR, by: 'none' }),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
    // Its named readers still read it.
    const named = await registerCounts(f.db, f.people.policeAnalyst, closed, 'tensions', { ...YEAR, by: 'none' });
    expect(named.total.value).toBe(22);
  });

  it('refuses an unknown measure and a date that is not YYYY-MM-DD', async () => {
    await expect(registerCounts(f.db, f.people.viewer, sweeps(), 'nope', { ...YEAR, by: 'none' })).rejects.toThrow(
      'Weapon sweeps has no measure "nope"',
    );
    await expect(
      registerCounts(f.db, f.people.viewer, sweeps(), 'sweeps', { from: '2025-3-1', to: '2026-03-31', by: 'none' }),
    ).rejects.toThrow('from and to are dates, YYYY-MM-DD');
  });
});
