import { costOfCrime } from '../../domain/costs/costOfCrime.ts';
import type { UnitCostTable } from '../../domain/costs/unitCostTable.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn, sumByGroup } from '../countIn.ts';
import { AnalysisError } from '../figure.ts';
import type { CostFigure } from '../figureShapes.ts';

/**
 * Cost of crime for the figure's categories: offences × unit cost of the
 * unit-cost edition chosen by chooseEdition, with no under-reporting uplift
 * (multiplier 1, stated on the figure). Categories match a unit-cost offence
 * by minor, then major name.
 */
export async function costOfCrimeFigures(ctx: AnalysisContext): Promise<CostFigure[]> {
  const rows = await ctx.db.selectFrom('unit_cost').selectAll().execute();
  const edition = chooseEdition(rows);
  if (!edition)
    throw new AnalysisError('NO_DATA', 'no unit costs are imported (import costs-of-crime/unit_costs_*.csv)');
  const mine = rows.filter((r) => r.edition === edition);
  const table: UnitCostTable = {
    edition,
    priceYear: mine[0]!.price_year,
    source: mine[0]!.source_note || edition,
    complete: !mine.some((r) => r.provisional),
    costs: mine.map((r) => ({ offence: r.offence, costType: r.cost_type, unitCost: r.value, exactness: r.exactness })),
  };
  const counts = sumByGroup(await countIn(ctx, ctx.period, 'category'));
  const offences = new Set(mine.map((r) => r.offence.toLowerCase()));
  const volumes = [...counts].map(([category, recorded]) => {
    const [major, minor] = category.split(' / ').map((s) => s.toLowerCase());
    const offence = [minor, major].find((n) => n !== undefined && offences.has(n)) ?? category;
    return { offence, recorded, underReportingMultiplier: 1 };
  });
  const result = costOfCrime(volumes, table);
  ctx.warnings.push(...result.warnings, 'no under-reporting multiplier applied (recorded offences only)');
  return [
    {
      group: { measure: 'cost of crime' },
      count: volumes.reduce((a, v) => a + v.recorded, 0),
      denominator: null,
      rate: result.total,
      lower: null,
      upper: null,
      multiplier: null,
      method: `unit cost × recorded offences (${result.costType})`,
      confidence: null,
      definition: ctx.selection.definition.id,
      source: ctx.source.name,
      extractDate: [...ctx.extractDates].sort().pop() ?? null,
      unitCostEdition: result.edition,
      priceYear: result.priceYear,
      provisional: result.provisional,
      lines: result.lines,
    },
  ];
}

/**
 * The edition figures use: a complete (official) table before a partial one,
 * then the latest price year, then the one imported last. Edition names are
 * file names, so their alphabetical order means nothing.
 */
export function chooseEdition(
  rows: readonly { edition: string; price_year: string; provisional: boolean; batch_id: number }[],
): string | undefined {
  const editions = new Map<string, { complete: boolean; priceYear: string; batch: number }>();
  for (const r of rows) {
    const e = editions.get(r.edition) ?? { complete: true, priceYear: r.price_year, batch: r.batch_id };
    editions.set(r.edition, {
      complete: e.complete && !r.provisional,
      priceYear: e.priceYear > r.price_year ? e.priceYear : r.price_year,
      batch: Math.max(e.batch, r.batch_id),
    });
  }
  return [...editions].sort(
    ([, a], [, b]) =>
      Number(b.complete) - Number(a.complete) || b.priceYear.localeCompare(a.priceYear) || b.batch - a.batch,
  )[0]?.[0];
}
