import { describe, expect, it } from 'vitest';
import { coverageGaps, median, type WardNeed } from './coverageGaps.ts';
import { syntheticService } from './testing/syntheticService.ts';

/*
 * A constructed case worked out by hand (SYNTHETIC wards and services). Rates per 1,000 residents:
 *   Ashgrove 12.0, covered by S1 and S2 → 12 / 2 = 6.0 per service
 *   Brookside 4.0, no service
 *   Cannonfield 9.0, no service
 *   Dockside 5.0, covered by S2 → 5.0 per service
 * Median of 4, 5, 9, 12 = (5 + 9) / 2 = 7, so Ashgrove and Cannonfield are high need.
 * Order: uncovered by rate (Cannonfield 9, Brookside 4), then covered by rate per service (Ashgrove 6, Dockside 5):
 * Cannonfield, the high-need ward with no covering service, comes first.
 */
const WARDS: WardNeed[] = [
  { code: 'E05000001', name: 'Ashgrove', rate: 12, count: 120 },
  { code: 'E05000002', name: 'Brookside', rate: 4, count: 40 },
  { code: 'E05000003', name: 'Cannonfield', rate: 9, count: 90 },
  { code: 'E05000004', name: 'Dockside', rate: 5, count: 50 },
];
const s1 = syntheticService({ id: 1, name: 'S1 Youth hub', wards: ['E05000001'] });
const s2 = syntheticService({ id: 2, name: 'S2 Detached youth work', wards: ['E05000001', 'E05000004'] });

describe('coverage against need', () => {
  it('lists the high-need ward with no covering service first, then the rule’s order', () => {
    const rows = coverageGaps(WARDS, [s2, s1]);
    expect(rows.map((r) => [r.name, r.services.length, r.ratePerService, r.highNeed])).toEqual([
      ['Cannonfield', 0, null, true],
      ['Brookside', 0, null, false],
      ['Ashgrove', 2, 6, true],
      ['Dockside', 1, 5, false],
    ]);
    expect(rows[2]?.services.map((s) => s.name)).toEqual(['S1 Youth hub', 'S2 Detached youth work']);
  });

  it('counts a whole-borough service in every ward (ties by name)', () => {
    const borough = syntheticService({ id: 3, name: 'S3 Borough-wide helpline', wholeBorough: true });
    // Ashgrove 12 / 3 = 4, Brookside 4 / 1 = 4, Cannonfield 9 / 1 = 9, Dockside 5 / 2 = 2.5.
    const rows = coverageGaps(WARDS, [s1, s2, borough]);
    expect(rows.map((r) => [r.name, r.ratePerService])).toEqual([
      ['Cannonfield', 9],
      ['Ashgrove', 4],
      ['Brookside', 4],
      ['Dockside', 2.5],
    ]);
  });

  it('puts a ward with no rate last in its group and never calls it high need', () => {
    const rows = coverageGaps([...WARDS, { code: 'E05000005', name: 'Eastgate', rate: null, count: null }], [s1]);
    expect(rows.map((r) => r.name)).toEqual(['Cannonfield', 'Dockside', 'Brookside', 'Eastgate', 'Ashgrove']);
    expect(rows.find((r) => r.name === 'Eastgate')?.highNeed).toBe(false);
  });

  it('takes the median of an odd and an even number of rates, and none of none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
