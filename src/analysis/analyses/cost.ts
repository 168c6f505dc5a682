import { costOfCrime } from '../../domain/costs/costOfCrime.ts';
import type { UnitCostTable } from '../../domain/costs/unitCostTable.ts';
import { countIn, sumByGroup, type AnalysisContext } from '../context.ts';
import { AnalysisError, type Figure } from '../figure.ts';

/**
 * Cost of crime for the figure's categories: offences × unit cost of the
 * newest unit-cost edition held, with no under-reporting uplift (multiplier 1,
 * stated on the figure). Categories match a unit-cost offence by minor, then major name.
 */
export async function costOfCrimeFigures(ctx: AnalysisContext): Promise<Figure[]> {
  const rows = await ctx.db.selectFrom('unit_cost').selectAll().orderBy('edition', 'desc').execute();
  const edition = rows[0]?.edition;
  if (!edition) throw new AnalysisError('NO_DATA', 'no unit costs are imported (import costs-of-crime/unit_costs_*.csv)');
  const mine = rows.filter((r) => r.edition === edition);
  const table: UnitCostTable = {
    edition, priceYear: mine[0]!.price_year, source: mine[0]!.source_note || edition,
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
  return [{
    group: { measure: 'cost of crime' }, count: volumes.reduce((a, v) => a + v.recorded, 0), denominator: null,
    rate: result.total, lower: null, upper: null, multiplier: null,
    method: `unit cost × recorded offences (${result.costType})`, confidence: null,
    definition: ctx.selection.definition.id, source: ctx.source.name, extractDate: [...ctx.extractDates].sort().pop() ?? null,
    unitCostEdition: result.edition, priceYear: result.priceYear, provisional: result.provisional, lines: result.lines,
  }];
}
