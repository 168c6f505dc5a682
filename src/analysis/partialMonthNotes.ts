import type { PartialMonth } from '../db/tables/core.ts';
import type { Period } from '../domain/periods/period.ts';
import type { AnalysisContext } from './context.ts';
import { periodOf } from './requestPeriod.ts';
import { isoDate } from './counts.ts';
import { remembered } from './referenceMemo.ts';

/**
 * Data notes for months an import of the figure's source left out as partial (import_batch.partial_months,
 * migration 0015) that fall in the periods the figure reads: the month's count then comes from an earlier
 * extract, or is missing, and the reader should know which extract stopped short. Batches undone, or extracted
 * after the as-of date, are not what the figure reads, so they say nothing.
 */
export async function partialMonthNotes(ctx: AnalysisContext): Promise<string[]> {
  const periods: Period[] = [
    ctx.period,
    ...[ctx.request.compare, ctx.request.baseline].filter((p): p is string => p !== undefined).map(periodOf),
  ];
  const within = (month: string) => periods.some((p) => month >= p.start && month <= p.end);
  const asOf = ctx.request.asOf;
  const rows = await remembered(ctx.db, 'partialMonths', JSON.stringify([ctx.source.series, asOf ?? null]), () =>
    partialBatches(ctx, asOf),
  );
  const n = (v: number) => v.toLocaleString('en-GB');
  return rows.flatMap((b) =>
    b.partial_months
      .filter((p) => within(p.month))
      .map(
        (p) =>
          `${ctx.source.name}: the extract of ${isoDate(b.extract_date)} (${b.file_name}) left out ${p.month} as a partial month (${n(p.offences)} ${p.offences === 1 ? 'offence' : 'offences'} against a median month of ${n(p.medianMonth)}); ${p.month} is counted from an earlier extract where one was imported`,
      ),
  );
}

/** The live batches of the source (extracted by the as-of date) that left months out as partial. */
function partialBatches(ctx: AnalysisContext, asOf: string | undefined) {
  return ctx.db
    .selectFrom('import_batch')
    .select(['file_name', 'extract_date', 'partial_months'])
    .where('series', 'like', ctx.source.series)
    .where('status', '=', 'imported')
    .where('partial_months', 'is not', null)
    .$if(asOf !== undefined, (qb) => qb.where('extract_date', '<=', asOf!))
    .$narrowType<{ partial_months: PartialMonth[] }>()
    .orderBy('extract_date')
    .orderBy('id')
    .execute();
}
