import type { AnalysisContext } from '../context.ts';
import { countIn, sumByGroup } from '../countIn.ts';
import { rateFigure } from '../rateFigure.ts';
import type { RankedFigure } from '../figureShapes.ts';
import { populationByBorough } from '../population.ts';
import { LONDON } from '../areas.ts';

/** Every London borough's rate per 1,000 (Census 2021 residents), ranked highest first; the requested borough is marked. */
export async function londonRanking(ctx: AnalysisContext): Promise<RankedFigure[]> {
  const london = { code: LONDON, name: 'London', type: 'region' as const, parentCode: null };
  const rows = await countIn(ctx, ctx.period, 'borough', london);
  const counts = sumByGroup(rows);
  const populations = await populationByBorough(ctx.db);
  const names = new Map(
    (await ctx.db.selectFrom('area').select(['code', 'name']).where('type', '=', 'borough').execute()).map((a) => [
      a.code,
      a.name,
    ]),
  );
  const ranked = [...names.keys()]
    .filter((code) => (populations.get(code) ?? 0) > 0 && counts.has(code))
    .map(
      (code): RankedFigure => ({
        ...rateFigure(
          ctx,
          { borough: code, name: names.get(code)! },
          counts.get(code) ?? 0,
          populations.get(code)!,
          rows.filter((r) => r.group === code),
        ),
        // Placed now so the JSON keeps its order; numbered once sorted.
        rank: null,
        of: 0,
      }),
    )
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  ranked.forEach((f, i) => {
    f.rank = i + 1;
    f.of = ranked.length;
    if (f.group.borough === ctx.target.code) f.selected = true;
  });
  const missing = [...names.keys()].filter((c) => c !== 'E09000001' && !ranked.some((f) => f.group.borough === c));
  if (missing.length > 0)
    ctx.warnings.push(
      `${missing.length} boroughs have no count or population and are not ranked (${missing
        .map((c) => names.get(c))
        .slice(0, 4)
        .join(', ')}${missing.length > 4 ? ', …' : ''})`,
    );
  return ranked;
}
