import { sql } from 'kysely';
import { wilsonInterval } from '../../domain/stats/wilson.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn, sumByGroup, total } from '../countIn.ts';
import { rateFigure } from '../rateFigure.ts';
import type { GroupKey } from '../counts.ts';
import type { Figure } from '../figure.ts';
import type { AreaFigure, ShareFigure } from '../figureShapes.ts';
import { populationByArea, populationByBorough } from '../population.ts';

/** Counts by an area level with rates per 1,000 residents (and IMD 2019 decile for LSOAs), for maps and tables. */
export async function areaBreakdown(ctx: AnalysisContext, level: 'borough' | 'ward' | 'lsoa'): Promise<AreaFigure[]> {
  const rows = await countIn(ctx, ctx.period, level);
  const counts = sumByGroup(rows);
  const populations =
    level === 'borough' ? await populationByBorough(ctx.db) : await populationByArea(ctx.db, level, [...counts.keys()]);
  const names = await areaNames(ctx, [...counts.keys()]);
  const deciles = level === 'lsoa' ? await imdDeciles(ctx, [...counts.keys()]) : new Map<string, number>();
  const figures = [...counts].map(([code, count]) => {
    const f: AreaFigure = rateFigure(
      ctx,
      { [level]: code, name: names.get(code) ?? code },
      count,
      populations.get(code) ?? 0,
      rows.filter((r) => r.group === code),
    );
    if (level === 'lsoa') f.imdDecile = deciles.get(code) ?? null;
    return f;
  });
  return figures.sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || (b.count ?? 0) - (a.count ?? 0));
}

/** Counts by any other group, each with its share of the total (Wilson limits). */
export async function shareBreakdown(ctx: AnalysisContext, group: GroupKey, label: string): Promise<ShareFigure[]> {
  const rows = await countIn(ctx, ctx.period, group);
  const all = total(rows);
  return [...sumByGroup(rows)]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]) =>
      shareFigure(
        ctx,
        { [label]: value },
        count,
        all,
        rows.filter((r) => r.group === value),
      ),
    );
}

export function shareFigure(
  ctx: AnalysisContext,
  group: Record<string, string>,
  count: number,
  of: number,
  rows: readonly { extractDate: string }[],
): Figure {
  const base = {
    group,
    definition: ctx.selection.definition.id,
    source: ctx.source.name,
    extractDate: rows.reduce<string | null>((a, r) => (a === null || r.extractDate > a ? r.extractDate : a), null),
  };
  if (of === 0)
    return {
      ...base,
      count,
      denominator: 0,
      rate: null,
      lower: null,
      upper: null,
      multiplier: null,
      method: 'share',
      confidence: null,
    };
  const w = wilsonInterval(count, of, ctx.request.confidence);
  return {
    ...base,
    count,
    denominator: of,
    rate: w.value,
    lower: w.lower,
    upper: w.upper,
    multiplier: null,
    method: 'share of total, Wilson limits',
    confidence: w.confidence,
  };
}

async function areaNames(ctx: AnalysisContext, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('area').select(['code', 'name']).where('code', 'in', codes).execute();
  const vintage = await ctx.db
    .selectFrom('area_vintage')
    .select(['area_code as code', 'name'])
    .where('area_code', 'in', codes)
    .execute();
  return new Map([...vintage, ...rows].map((r) => [r.code, r.name]));
}

/** IMD 2019 decile of each LSOA: directly for unchanged codes, else through the 2011 → 2021 lookup (the most deprived decile of its parts). */
async function imdDeciles(ctx: AnalysisContext, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ code: string; decile: number }>`
    SELECT c.code, min(d.decile)::int AS decile
    FROM (SELECT unnest(${sql.val(codes)}::text[]) AS code) c
    LEFT JOIN area_lookup l ON l.relation = 'lsoa11_to_lsoa21' AND l.to_code = c.code
    JOIN deprivation d ON d.domain = 'imd' AND d.decile IS NOT NULL AND d.lsoa_code = coalesce(l.from_code, c.code)
    GROUP BY c.code`.execute(ctx.db);
  return new Map(rows.map((r) => [r.code, Number(r.decile)]));
}
