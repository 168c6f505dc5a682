import { knoxTest, type SpaceTimeEvent } from '../../domain/hotspots/knoxTest.ts';
import { monthIndex } from '../../domain/periods/month.ts';
import type { AnalysisContext } from '../context.ts';
import { AnalysisError } from '../figure.ts';
import type { NearRepeatFigure } from '../figureShapes.ts';
import { latestExtract, mapPoints } from './mapPoints.ts';

/** Distance bands (upper limits, metres): the same or the next anonymised map point, then further out. */
export const NEAR_REPEAT_SPACE_BANDS = [100, 200, 400] as const;
/** police.uk gives months, not dates: bands of whole months apart (0, 1, 2), as upper limits in months. */
const MONTH_BANDS = [0.5, 1.5, 2.5] as const;
const MONTH_LABELS = ['same month', '1 month apart', '2 months apart'];
export const NEAR_REPEAT_PERMUTATIONS = 999;
/** Fixed so a figure can be reproduced; stated on every figure. */
export const NEAR_REPEAT_SEED = 1;
/** Pairs are found by comparing every two events; beyond this a request would take too long. */
export const NEAR_REPEAT_MAX_EVENTS = 5_000;

/**
 * Knox near-repeat test over police.uk street records: pairs of records close
 * in space (map points) and in time (months), against 999 permutations of the
 * months among the records. One figure per distance band × months-apart band:
 * count = observed pairs, ratio = observed / mean simulated, p as methods.md.
 */
export async function nearRepeat(ctx: AnalysisContext): Promise<NearRepeatFigure[]> {
  const map = await mapPoints(ctx);
  const events: SpaceTimeEvent[] = map.counts.flatMap((c) =>
    Array.from({ length: c.n }, () => ({ x: c.point.x, y: c.point.y, t: monthIndex(c.month) })),
  );
  if (events.length < 2)
    throw new AnalysisError(
      'UNSUPPORTED',
      `a near-repeat test needs at least 2 located records; ${ctx.target.name} has ${events.length} in ${ctx.period.label}`,
    );
  if (events.length > NEAR_REPEAT_MAX_EVENTS) {
    throw new AnalysisError(
      'UNSUPPORTED',
      `a near-repeat test over ${events.length.toLocaleString('en-GB')} records is too large for one request (at most ${NEAR_REPEAT_MAX_EVENTS.toLocaleString('en-GB')}): choose a smaller area, a shorter period or a narrower category`,
    );
  }
  ctx.warnings.push(
    'police.uk gives the month, not the date, and an anonymised map point, not the address: near repeats can only be seen at month and ~100 m scales',
  );
  const result = knoxTest(events, NEAR_REPEAT_SPACE_BANDS, MONTH_BANDS, {
    permutations: NEAR_REPEAT_PERMUTATIONS,
    seed: NEAR_REPEAT_SEED,
  });
  return result.cells.map((cell) => {
    const band = MONTH_BANDS.indexOf(cell.time[1] as (typeof MONTH_BANDS)[number]);
    return {
      group: { distance: `${cell.space[0]}–${cell.space[1]} m`, time: MONTH_LABELS[band] ?? `${cell.time[1]} months` },
      count: cell.observed,
      denominator: null,
      rate: null,
      lower: null,
      upper: null,
      multiplier: null,
      method: `Knox test, ${result.permutations} permutations of months among records (seed ${result.seed}); p = (#simulations ≥ observed + 1)/(${result.permutations} + 1)`,
      confidence: null,
      definition: ctx.selection.definition.id,
      source: ctx.source.name,
      extractDate: latestExtract(ctx),
      expected: cell.meanSimulated,
      ratio: cell.ratio,
      p: cell.p,
      events: events.length,
    } satisfies NearRepeatFigure;
  });
}
