import { financialQuarter, financialYear } from '../../domain/periods/period.ts';
import { recentTrend, standardErrorFromLimits } from '../../domain/stats/recentTrend.ts';
import { xmrChart } from '../../domain/stats/spc.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn } from '../countIn.ts';
import { periodMonths } from '../../domain/periods/period.ts';
import { rateFigure } from '../rateFigure.ts';
import type { SeriesFigure } from '../figureShapes.ts';
import { populationOf } from '../population.ts';

/** A time series by month, quarter or financial year over the requested period, with XmR flags and the recent-trend test. */
export async function timeSeries(
  ctx: AnalysisContext,
  step: 'month' | 'quarter' | 'financial-year',
): Promise<SeriesFigure[]> {
  const rows = await countIn(ctx, ctx.period);
  const population = await populationOf(ctx.db, ctx.target);
  const byMonth = new Map<string, number>();
  for (const r of rows) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.count);
  const buckets = new Map<string, { label: string; months: string[] }>();
  for (const month of periodMonths(ctx.period)) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const fyStart = m >= 4 ? y : y - 1;
    const label =
      step === 'month'
        ? month
        : step === 'quarter'
          ? financialQuarter(fyStart, Math.floor(((m + 8) % 12) / 3) + 1).label
          : financialYear(fyStart).label;
    const bucket = buckets.get(label) ?? { label, months: [] };
    bucket.months.push(month);
    buckets.set(label, bucket);
  }
  const figures = [...buckets.values()].map((b): SeriesFigure => {
    const count = b.months.reduce((a, m) => a + (byMonth.get(m) ?? 0), 0);
    const f: SeriesFigure = rateFigure(
      ctx,
      { [step === 'financial-year' ? 'financialYear' : step]: b.label },
      count,
      population,
      rows.filter((r) => b.months.includes(r.month)),
    );
    const expected = step === 'month' ? 1 : step === 'quarter' ? 3 : 12;
    if (b.months.length < expected) f.partial = `covers ${b.months.length} of ${expected} months`;
    return f;
  });
  if (figures.length >= 2) {
    const chart = xmrChart(figures.map((f) => f.count ?? 0));
    figures.forEach((f, i) => {
      f.spc = {
        centre: chart.centre,
        lowerLimit: chart.lowerLimit,
        upperLimit: chart.upperLimit,
        flags: chart.points[i]!.flags,
      };
    });
  }
  const points = figures
    .filter((f) => f.rate !== null && f.lower !== null && f.upper !== null && f.upper > f.lower)
    .map((f) => ({
      value: f.rate as number,
      standardError: standardErrorFromLimits(f.lower as number, f.upper as number),
    }));
  const trend = recentTrend(points, 'no polarity');
  const last = figures[figures.length - 1];
  if (last) last.recentTrend = trend;
  return figures;
}
