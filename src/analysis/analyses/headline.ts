import { percentChange } from '../../domain/change/change.ts';
import type { Period } from '../../domain/periods/period.ts';
import { compareWithBenchmark } from '../../domain/stats/benchmark.ts';
import { crudeRate } from '../../domain/stats/crudeRate.ts';
import type { Polarity } from '../../domain/stats/polarity.ts';
import { LONDON, resolveArea, type TargetArea } from '../areas.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn, total } from '../countIn.ts';
import { periodMonths } from '../../domain/periods/period.ts';
import { periodOf } from '../requestPeriod.ts';
import { rateFigure } from '../rateFigure.ts';
import { coveredMonths } from '../counts.ts';
import type { Figure } from '../figure.ts';
import type { Benchmark, HeadlineFigure, PeriodChange } from '../figureShapes.ts';
import { populationOf } from '../population.ts';

/** Rising reports of crime are not rated better or worse: Safer never colours a count by polarity it cannot know. */
const POLARITY: Polarity = 'no polarity';

/**
 * The headline figure: count and rate with limits, benchmarked against the parent area and London, with change.
 * Queries that do not depend on each other run together (on PostgreSQL each takes its own connection).
 */
export async function headline(ctx: AnalysisContext): Promise<HeadlineFigure[]> {
  const changes = (
    [
      ['compare', ctx.request.compare],
      ['baseline', ctx.request.baseline],
    ] as const
  )
    .filter((c): c is readonly ['compare' | 'baseline', string] => c[1] !== undefined)
    .map(([key, label]) => ({ key, period: periodOf(label) }));
  const [figure, ...before]: [HeadlineFigure, ...Figure[]] = await Promise.all([
    areaFigure(ctx, ctx.target, ctx.period),
    ...changes.map((c) => areaFigure(ctx, ctx.target, c.period)),
  ]);
  const missing = await Promise.all(changes.map((c) => missingMonths(ctx, c.period)));
  if (figure.rate !== null && figure.lower !== null && figure.upper !== null) {
    const count = figure.count ?? 0;
    const r998 = crudeRate(count, figure.denominator ?? 1, { confidence: 0.998 });
    const interval = {
      value: figure.rate,
      lower95: figure.lower,
      upper95: figure.upper,
      lower998: r998.lower,
      upper998: r998.upper,
    };
    // Partner records cover only the partnership's own boroughs: a "London" rate from them would divide a few
    // boroughs' records by all of London's people, so no London benchmark is drawn from them.
    const partnerOnly = ctx.source.level === 'record' && ctx.source.id.startsWith('partner');
    if (partnerOnly)
      ctx.warnings.push(`no London benchmark: ${ctx.source.name} covers only the partnership's boroughs`);
    const codes = [
      ...new Set(
        [ctx.target.parentCode, LONDON].filter(
          (c): c is string => c !== null && c !== ctx.target.code && !(partnerOnly && c === LONDON),
        ),
      ),
    ];
    const others = await Promise.all(
      codes.map(async (code) => {
        const area = await resolveArea(ctx.db, code).catch(() => null);
        return area ? { area, other: await areaFigure(ctx, area, ctx.period).catch(() => null) } : null;
      }),
    );
    const benchmarks: Benchmark[] = [];
    for (const found of others) {
      if (!found) continue;
      const { area, other } = found;
      if (other?.rate == null) {
        ctx.warnings.push(`no benchmark against ${area.name}: ${ctx.source.name} or its population is not held for it`);
        continue;
      }
      benchmarks.push({
        area: area.name,
        rate: other.rate,
        count: other.count,
        ...compareWithBenchmark(interval, other.rate, POLARITY, area.name),
      });
    }
    figure.benchmarks = benchmarks;
  }
  changes.forEach((c, i) => {
    figure[c.key] = changeAgainst(figure, before[i]!, c.period, missing[i]!);
  });
  return [figure];
}

async function areaFigure(ctx: AnalysisContext, area: TargetArea, period: Period): Promise<Figure> {
  const [rows, population] = await Promise.all([countIn(ctx, period, 'none', area), populationOf(ctx.db, area)]);
  if (population === 0 && area.code === ctx.target.code)
    ctx.warnings.push(`no Census 2021 population for ${area.name}: import TS007A and the LSOA 2021 lookups for rates`);
  return rateFigure(ctx, { area: area.name, period: period.label }, total(rows), population, rows);
}

/** Months of a comparison period the source does not hold for the area: a change against them would be read as real. */
async function missingMonths(ctx: AnalysisContext, period: Period): Promise<{ missing: number; of: number }> {
  const covered = await coveredMonths(ctx.db, {
    spec: ctx.spec,
    target: ctx.target,
    from: period.start,
    to: period.end,
    asOf: ctx.request.asOf,
  });
  const expected = periodMonths(period);
  return { missing: expected.filter((m) => !covered.has(m)).length, of: expected.length };
}

function changeAgainst(
  now: Figure,
  before: Figure,
  period: Period,
  gap: { missing: number; of: number },
): PeriodChange {
  const incomplete = gap.missing > 0;
  const pct = incomplete ? null : percentChange(before.count ?? 0, now.count ?? 0);
  return {
    period: period.label,
    count: before.count,
    rate: before.rate,
    change: incomplete ? null : (now.count ?? 0) - (before.count ?? 0),
    percentChange: pct,
    percentChangeText: incomplete
      ? `n/a: ${period.label} has no data for ${gap.missing} of ${gap.of} months`
      : pct === null
        ? 'n/a'
        : `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`,
    ...(incomplete ? { incomplete: true } : {}),
  };
}
