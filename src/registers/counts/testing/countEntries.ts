import { saveEntry } from '../../entryStore.ts';
import { setNamedReader } from '../../readers.ts';
import { POINTS, type RegisterFixture } from '../../testing/registerTestDb.ts';

/*
 * SYNTHETIC register entries for count tests, small enough to count by hand.
 *
 * Weapon sweeps (items found: knife, bladed article, firearm, other; total):
 *   2025-03-15 Whitechapel   2 0 0 1 = 3   (2024/25 Q4)
 *   2025-04-02 Whitechapel   1 1 0 0 = 2   (2025/26 Q1)
 *   2025-04-20 Mile End park 0 0 0 0 = 0   (2025/26 Q1)
 *   2025-06-30 Mile End park 4 0 1 0 = 5   (2025/26 Q1)
 *   2025-07-01 Whitechapel   0 0 0 2 = 2   (2025/26 Q2)
 *   2026-01-10 Mile End park 3 0 0 0 = 3   (2025/26 Q4)
 * Whitechapel lies in ward Spitalfields & Banglatown (E05009333), LSOA E01004208; Mile End park in ward Mile End
 * (E05009327), LSOA E01004270.
 *
 * Community tensions (by ward only): 3 in Spitalfields & Banglatown (May 2025), 9 in Mile End (August 2025),
 * 10 in Poplar (E05009328, November 2025). The police analyst is named as a reader (and so may write them).
 */

export const WARDS = { spitalfields: 'E05009333', mileEnd: 'E05009327', poplar: 'E05009328' } as const;

export const SWEEPS = [
  { swept_on: '2025-03-15', at: POINTS.whitechapel, knife: 2, bladed: 0, firearm: 0, other: 1 },
  { swept_on: '2025-04-02', at: POINTS.whitechapel, knife: 1, bladed: 1, firearm: 0, other: 0 },
  { swept_on: '2025-04-20', at: POINTS.mileEndPark, knife: 0, bladed: 0, firearm: 0, other: 0 },
  { swept_on: '2025-06-30', at: POINTS.mileEndPark, knife: 4, bladed: 0, firearm: 1, other: 0 },
  { swept_on: '2025-07-01', at: POINTS.whitechapel, knife: 0, bladed: 0, firearm: 0, other: 2 },
  { swept_on: '2026-01-10', at: POINTS.mileEndPark, knife: 3, bladed: 0, firearm: 0, other: 0 },
] as const;

export async function saveSweeps(f: RegisterFixture) {
  const saved = [];
  for (const [i, s] of SWEEPS.entries())
    saved.push(
      await saveEntry(
        f.db,
        f.ctx,
        f.people.policeAnalyst,
        'weapon-sweeps',
        {
          swept_on: s.swept_on,
          location: `SYNTHETIC sweep ${i + 1}`,
          team: 'Safer Neighbourhood Team',
          'items.knife': String(s.knife),
          'items.bladed article': String(s.bladed),
          'items.firearm': String(s.firearm),
          'items.other': String(s.other),
          ...s.at,
        },
        { submit: true },
      ),
    );
  return saved;
}

export async function saveTensions(f: RegisterFixture) {
  const register = f.registers.get('community-tensions')!;
  await setNamedReader(f.db, f.people.manager, register, f.people.policeAnalyst.id, true, f.ctx.now);
  const groups = [
    { ward: WARDS.spitalfields, month: '2025-05', n: 3 },
    { ward: WARDS.mileEnd, month: '2025-08', n: 9 },
    { ward: WARDS.poplar, month: '2025-11', n: 10 },
  ];
  for (const g of groups)
    for (let i = 1; i <= g.n; i++)
      await saveEntry(
        f.db,
        f.ctx,
        f.people.policeAnalyst,
        'community-tensions',
        {
          reported_on: `${g.month}-${String(i).padStart(2, '0')}`,
          issue: `SYNTHETIC issue ${g.ward} ${i}`,
          description: 'SYNTHETIC: invented for a test',
          communities: 'SYNTHETIC',
          level: 'low',
          trend: 'stable',
          review_on: '2026-06-01',
          ward: g.ward,
        },
        { submit: true },
      );
}
