import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../test/sharedData.ts';
import { costOfCrime } from './costOfCrime.ts';
import { unitCostTableFromRows, type UnitCostTable } from './unitCostTable.ts';

const meta = {
  edition: 'Home Office, The economic and social costs of crime, 2nd edition (2018) — PARTIAL secondary-source extract',
  priceYear: '2015/16',
  source: 'costs-of-crime/unit_costs_2015-16_prices_PARTIAL.csv',
  complete: false,
};

function realTable(): UnitCostTable {
  const rows = parse(readFileSync(testData('costs-of-crime/unit_costs_2015-16_prices_PARTIAL.csv')), {
    columns: true,
    relax_quotes: true,
  }) as Record<string, string>[];
  return unitCostTableFromRows(rows, meta);
}

describe('cost of crime', () => {
  it('reads the real partial table (15 rows)', () => {
    const t = realTable();
    expect(t.costs).toHaveLength(15);
    expect(t.costs.find((c) => c.offence === 'Violence with injury')?.unitCost).toBe(14050);
  });

  it('unit cost × offences × multiplier, labelled and provisional', () => {
    // By hand: 100 violence with injury × 1.5 × £14,050 = £2,107,500; 10 robberies × 1 × £11,320 = £113,200; total £2,220,700.
    const c = costOfCrime(
      [
        { offence: 'violence with injury', recorded: 100, underReportingMultiplier: 1.5 },
        { offence: 'Robbery', recorded: 10, underReportingMultiplier: 1 },
      ],
      realTable(),
    );
    expect(c.total).toBe(2_220_700);
    expect(c.lines.map((l) => l.cost)).toEqual([2_107_500, 113_200]);
    expect(c.priceYear).toBe('2015/16');
    expect(c.edition).toContain('2nd edition');
    expect(c.provisional).toBe(true);
    expect(c.warnings[0]).toContain('partial table');
  });

  it('an offence without a unit cost is left out and named, never guessed', () => {
    const c = costOfCrime([{ offence: 'Violence without injury', recorded: 50, underReportingMultiplier: 1 }], {
      ...realTable(),
      complete: true,
    });
    expect(c.total).toBe(0);
    expect(c.lines[0]?.cost).toBeNull();
    expect(c.provisional).toBe(true);
    expect(c.warnings).toEqual([
      expect.stringContaining('no total economic and social cost per offence for "Violence without injury"'),
    ]);
  });

  it('a complete table with every offence costed is not provisional', () => {
    const table: UnitCostTable = {
      ...meta,
      complete: true,
      edition: 'test edition',
      costs: [
        {
          offence: 'Rape',
          costType: 'total economic and social cost per offence',
          unitCost: 39360,
          exactness: 'as published',
        },
      ],
    };
    expect(costOfCrime([{ offence: 'Rape', recorded: 2, underReportingMultiplier: 1 }], table)).toMatchObject({
      total: 78720,
      provisional: false,
      warnings: [],
    });
  });

  it('refuses bad rows and multipliers', () => {
    expect(() =>
      unitCostTableFromRows(
        [{ offence: 'Rape', cost_type: 'x', unit_cost_gbp_2015_16_prices: '£39k', exactness: '' }],
        meta,
      ),
    ).toThrow('unit-cost row 1: unit_cost_gbp_2015_16_prices: a cost in pounds');
    expect(() => costOfCrime([{ offence: 'Rape', recorded: 1, underReportingMultiplier: 0.5 }], realTable())).toThrow(
      'under-reporting multiplier must be 1 or more, got 0.5 for Rape',
    );
  });
});
