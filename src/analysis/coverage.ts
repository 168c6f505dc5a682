import { type Period, periodMonths } from '../domain/periods/period.ts';
import type { TargetArea } from './areas.ts';
import type { AnalysisContext } from './context.ts';
import { coveredMonths } from './counts.ts';

/**
 * Months of the period the source covers for the area; warns when some are missing, so a short count is never
 * read as a fall. False when it covers none: the caller says why (noDataReason.ts), once no other source can.
 */
export async function checkCoverage(
  ctx: AnalysisContext,
  period: Period,
  target: TargetArea = ctx.target,
): Promise<boolean> {
  const covered = await coveredMonths(ctx.db, {
    spec: ctx.spec,
    target,
    from: period.start,
    to: period.end,
    asOf: ctx.request.asOf,
  });
  const expected = periodMonths(period);
  const missing = expected.filter((m) => !covered.has(m));
  if (missing.length === expected.length) return false;
  if (missing.length > 0)
    ctx.warnings.push(
      `${ctx.source.name} has no data for ${missing.length} of ${expected.length} months of ${period.label} in ${target.name} (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): the count is partial`,
    );
  return true;
}
