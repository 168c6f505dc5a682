import { z } from 'zod';

/** One row of a unit-cost table: the cost of one offence of a type. */
export const UnitCost = z.object({
  offence: z.string().min(1),
  costType: z.string().min(1),
  unitCost: z.number().nonnegative(),
  exactness: z.string().default('as published'),
});
export type UnitCost = z.infer<typeof UnitCost>;

/**
 * A versioned unit-cost table (the Home Office "economic and social costs of
 * crime"). `complete: false` marks a partial table: every figure made from it
 * is provisional.
 */
export const UnitCostTable = z.object({
  edition: z.string().min(1),
  priceYear: z.string().regex(/^\d{4}\/\d{2}$/, 'a financial year such as 2015/16'),
  source: z.string().min(1),
  complete: z.boolean(),
  costs: z.array(UnitCost).min(1),
});
export type UnitCostTable = z.infer<typeof UnitCostTable>;

/** The columns of costs-of-crime/unit_costs_*.csv. */
const CsvRow = z.object({
  offence: z.string().min(1),
  cost_type: z.string().min(1),
  unit_cost_gbp_2015_16_prices: z.string().regex(/^\d+(\.\d+)?$/, 'a cost in pounds'),
  exactness: z.string(),
});

/** Builds a table from already-read CSV rows (the reading is I/O and happens elsewhere). */
export function unitCostTableFromRows(
  rows: readonly Record<string, string>[],
  meta: Omit<UnitCostTable, 'costs'>,
): UnitCostTable {
  const costs = rows.map((row, i) => {
    const parsed = CsvRow.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`unit-cost row ${i + 1}: ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
    }
    return {
      offence: parsed.data.offence,
      costType: parsed.data.cost_type,
      unitCost: Number(parsed.data.unit_cost_gbp_2015_16_prices),
      exactness: parsed.data.exactness,
    };
  });
  return UnitCostTable.parse({ ...meta, costs });
}
