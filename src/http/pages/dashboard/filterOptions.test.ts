import { describe, expect, it } from 'vitest';
import type { ResolvedFilters } from './dashboardQuery.ts';
import { filterFormModel, periodGroups, type FilterOptions } from './filterOptions.ts';

describe('periodGroups', () => {
  it('offers the latest 12 months and only complete financial and calendar years, newest first', () => {
    // Borough counts Apr 2010 – Feb 2026: financial years 2010/11 … 2024/25 (2025/26 ends in Mar 2026, not held),
    // calendar years 2011 … 2025 (2010 starts before April 2010).
    const [latest, financial, calendar] = periodGroups('2010-04', '2026-02');
    expect(latest!.options.map((o) => o.value)).toEqual(['12 months to Feb 2026', '12 months to Feb 2025']);
    expect(financial!.options).toHaveLength(15);
    expect(financial!.options[0]).toEqual({ value: '2024/25', text: 'Financial year 2024/25' });
    expect(financial!.options.at(-1)!.value).toBe('2010/11');
    expect(calendar!.options.map((o) => o.value)).toEqual(Array.from({ length: 15 }, (_, i) => String(2025 - i)));
  });

  it('leaves out a group with no complete year', () => {
    expect(periodGroups('2025-06', '2026-02').map((g) => g.label)).toEqual(['Latest']);
  });
});

describe('filterFormModel', () => {
  const options: FilterOptions = {
    areaGroups: [
      {
        label: 'London boroughs',
        options: [
          { value: 'E09000012', text: 'Hackney' },
          { value: 'E09000030', text: 'Tower Hamlets' },
        ],
      },
    ],
    periodGroups: periodGroups('2024-03', '2026-02'),
    latestMonth: '2026-02',
  };
  const filters = (period: string, area = { code: 'E09000030', name: 'Tower Hamlets' }): ResolvedFilters => ({
    area: { ...area, type: 'borough', parentCode: 'E12000007' },
    period,
    compare: '12 months to Feb 2025',
    baseline: undefined,
    latestMonth: '2026-02',
  });

  it("selects the current area and period, and keeps the page's other query values for the typed-period form", () => {
    const m = filterFormModel(
      options,
      filters('2024/25'),
      { period: '2024/25', definition: 'knife-crime', area: 'E09000030' },
      '/dashboard/trends',
    );
    expect(m.areaGroups[0]!.options.filter((o) => o.selected).map((o) => o.value)).toEqual(['E09000030']);
    expect(
      m.periodGroups
        .flatMap((g) => g.options)
        .filter((o) => o.selected)
        .map((o) => o.value),
    ).toEqual(['2024/25']);
    expect(m.keep).toEqual([{ name: 'definition', value: 'knife-crime' }]);
    expect(m.action).toBe('/dashboard/trends');
  });

  it('adds a typed period or an area from a link that the lists do not hold, so the selects show them', () => {
    const m = filterFormModel(
      options,
      filters('Apr 2023–Jun 2024', { code: 'E05009317', name: 'Bethnal Green West' }),
      {},
      '/dashboard',
    );
    expect(m.periodGroups[0]).toEqual({
      label: 'Chosen',
      options: [{ value: 'Apr 2023–Jun 2024', text: 'Apr 2023–Jun 2024', selected: true }],
    });
    expect(m.areaGroups[0]).toEqual({
      label: 'Chosen',
      options: [{ value: 'E05009317', text: 'Bethnal Green West', selected: true }],
    });
  });
});
