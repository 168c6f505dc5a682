/**
 * Accepted SYNTHETIC returns written straight into the tables (as the return cycle would leave them: one accepted
 * return per lead agency and quarter, each value for the period valuePeriod gives), so the benchmark measures
 * reading values, not the form's validation. Values are seeded: the same run after run.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { addMonths, lastDayOf, monthToDate } from '../../src/domain/periods/month.ts';
import { parseQuarter, quarterOf, valuePeriod } from '../../src/domain/performance/indicatorPeriods.ts';
import type { Indicator } from '../../src/performance/indicatorSchema.ts';

/** A small deterministic generator (mulberry32), so two runs write the same values. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quarter labels, oldest first: `count` quarters ending with `last`. */
export function quartersEndingWith(last: string, count: number): string[] {
  const end = parseQuarter(last).start;
  return Array.from({ length: count }, (_, i) => quarterOf(addMonths(end, -3 * (count - 1 - i))).label);
}

export async function seedAcceptedReturns(
  db: Kysely<DB>,
  input: { indicators: readonly Indicator[]; quarters: readonly string[]; userId: number; seed?: number },
): Promise<number> {
  const next = random(input.seed ?? 2026);
  const returned = input.indicators.filter((i) => i.source.kind === 'returned');
  const agencies = [...new Set(returned.map((i) => i.leadAgency))].sort();
  // Each indicator drifts around its own level, so the statistical RAG sees real differences and non-differences.
  const level = new Map(
    returned.map((i) => [i.id, i.unit.kind === 'percentage' ? 30 + next() * 40 : 50 + next() * 450]),
  );
  let values = 0;
  for (const label of input.quarters) {
    const quarter = parseQuarter(label);
    const rows = await db
      .insertInto('performance_return')
      .values(
        agencies.map((agency) => ({
          agency_code: agency,
          quarter: quarter.label,
          period_start: monthToDate(quarter.start),
          period_end: lastDayOf(quarter.end),
          due_on: lastDayOf(addMonths(quarter.end, 1)),
          status: 'accepted' as const,
          opened_by: input.userId,
        })),
      )
      .returning(['id', 'agency_code'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.agency_code, r.id]));
    const asks = returned.map((i) => ({ i, returnId: idOf.get(i.leadAgency) as number }));
    await inChunks(asks, (chunk) =>
      db
        .insertInto('return_indicator')
        .values(
          chunk.map(({ i, returnId }) => ({ return_id: returnId, indicator_id: i.id, indicator_version: i.version })),
        )
        .execute(),
    );
    await inChunks(asks, (chunk) =>
      db
        .insertInto('return_value')
        .values(
          chunk.map(({ i, returnId }) => {
            const period = valuePeriod(i.periodType, quarter);
            const base = (level.get(i.id) as number) * (0.85 + next() * 0.3);
            const percentage = i.unit.kind === 'percentage';
            const denominator = percentage ? 200 + Math.round(next() * 800) : null;
            const numerator = denominator === null ? null : Math.round((Math.min(base, 100) / 100) * denominator);
            return {
              return_id: returnId,
              indicator_id: i.id,
              indicator_version: i.version,
              period_start: monthToDate(period.start),
              period_end: lastDayOf(period.end),
              value:
                numerator !== null && denominator
                  ? Number(((100 * numerator) / denominator).toFixed(1))
                  : Math.round(base),
              numerator,
              denominator,
              commentary: 'SYNTHETIC benchmark value',
              outlier_note: '',
              replaces: null,
              reason: '',
              entered_by: input.userId,
              synthetic: true,
            };
          }),
        )
        .execute(),
    );
    await db
      .insertInto('return_event')
      .values(
        rows.flatMap((r) => [
          { return_id: r.id, action: 'opened' as const, by_user: input.userId },
          { return_id: r.id, action: 'accepted' as const, by_user: input.userId },
        ]),
      )
      .execute();
    values += asks.length;
  }
  return values;
}

/** PostgreSQL takes at most 65,535 parameters a statement: 16 columns × 2,000 rows stays well under. */
async function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await write(rows.slice(i, i + 2000));
}
