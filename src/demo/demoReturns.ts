import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/recordAudit.ts';
import type { DB } from '../db/schema.ts';
import { addMonths, lastDayOf, monthToDate } from '../domain/periods/month.ts';
import { parseQuarter, quarterOf, valuePeriod } from '../domain/performance/indicatorPeriods.ts';
import type { Indicator } from '../performance/indicatorSchema.ts';

/*
 * SYNTHETIC partner returns for the demo (issue 18: "returned ones get SYNTHETIC demo returns, labelled"): accepted
 * returns for the quarters before the current one, so the scorecard and the pack have four years to show, and the
 * current quarter left open and overdue, so "my returns" and the late flags have something to do. Every value is
 * made up from a seeded formula and stored with synthetic = true, which every page and the pack print as SYNTHETIC.
 */

/** Twelve quarters of history before the open one: enough for four October–September years' Q2 returns. */
const HISTORY_QUARTERS = 14;

/** A stable pseudo-random number in [0, 1) from a text: the same demo every time. */
function unit(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}

/** One synthetic value: a level per indicator, a gentle trend per year and noise per period. */
export function syntheticValue(
  i: Indicator,
  periodId: string,
  yearIndex: number,
): { value: number; numerator: number | null; denominator: number | null } {
  const level = unit(i.id);
  const noise = unit(`${i.id}|${periodId}`) - 0.5;
  const trend = 1 + (unit(`${i.id}|trend`) - 0.5) * 0.12 * yearIndex;
  if (i.unit.kind === 'percentage') {
    const denominator = Math.round(200 + level * 1300);
    const pct = Math.min(98, Math.max(2, (30 + level * 60) * trend + noise * 6));
    const numerator = Math.round((denominator * pct) / 100);
    return { value: Math.round((numerator / denominator) * 1000) / 10, numerator, denominator };
  }
  if (i.unit.kind === 'rate') {
    const denominator = 25000;
    const numerator = Math.max(0, Math.round((50 + level * 100) * trend * (1 + noise * 0.2)));
    return { value: Math.round((numerator / denominator) * i.unit.per * 10) / 10, numerator, denominator };
  }
  const yearly = (20 + level * 1500) * trend * (1 + noise * 0.15);
  return {
    value: Math.max(0, Math.round(i.periodType === 'quarter' ? yearly / 4 : yearly)),
    numerator: null,
    denominator: null,
  };
}

/**
 * Seeds the demo's returns up to the quarter before `openQuarterLabel`, and opens that one (due a month after it
 * ends). Does nothing when any return exists: the demo never overwrites a partnership's real returns.
 */
export async function seedDemoReturns(
  db: Kysely<DB>,
  input: { indicators: readonly Indicator[]; openQuarterLabel: string; actorEmail: string },
): Promise<{ seeded: number } | { skipped: string }> {
  const existing = await db.selectFrom('performance_return').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return { skipped: 'returns already exist' };
  const actor = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'agency_code'])
    .where('email', '=', input.actorEmail)
    .executeTakeFirst();
  if (actor === undefined) return { skipped: `no user ${input.actorEmail}` };
  const open = parseQuarter(input.openQuarterLabel);
  const returned = input.indicators.filter((i) => i.source.kind === 'returned');
  const agencies = [...new Set(returned.map((i) => i.leadAgency))].sort();
  let seeded = 0;
  await db.transaction().execute(async (trx) => {
    for (let q = HISTORY_QUARTERS; q >= 0; q--) {
      const quarter = quarterOf(addMonths(open.start, -3 * q));
      const end = lastDayOf(quarter.end);
      const due = lastDayOf(addMonths(quarter.end, 1));
      for (const agency of agencies) {
        const asks = returned.filter((i) => i.leadAgency === agency);
        const row = await trx
          .insertInto('performance_return')
          .values({
            agency_code: agency,
            quarter: quarter.label,
            period_start: monthToDate(quarter.start),
            period_end: end,
            due_on: due,
            status: q === 0 ? 'open' : 'accepted',
            opened_by: actor.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('return_indicator')
          .values(asks.map((i) => ({ return_id: row.id, indicator_id: i.id, indicator_version: i.version })))
          .execute();
        await trx
          .insertInto('return_event')
          .values({ return_id: row.id, action: 'opened', by_user: actor.id, reason: 'SYNTHETIC demo return' })
          .execute();
        if (q === 0) continue;
        for (const i of asks) {
          const period = valuePeriod(i.periodType, quarter);
          const v = syntheticValue(i, period.id, Math.floor((HISTORY_QUARTERS - q) / 4));
          await trx
            .insertInto('return_value')
            .values({
              return_id: row.id,
              indicator_id: i.id,
              indicator_version: i.version,
              period_start: monthToDate(period.start),
              period_end: lastDayOf(period.end),
              value: v.value,
              numerator: v.numerator,
              denominator: v.denominator,
              commentary: 'SYNTHETIC demo value.',
              entered_by: actor.id,
              synthetic: true,
            })
            .execute();
          seeded++;
        }
        for (const action of ['submitted', 'accepted'] as const)
          await trx
            .insertInto('return_event')
            .values({ return_id: row.id, action, by_user: actor.id, reason: 'SYNTHETIC demo return' })
            .execute();
      }
    }
    await recordAudit(trx, {
      action: 'return.save',
      actor: { userId: actor.id, email: actor.email, agency: actor.agency_code },
      subjectType: 'return',
      subjectId: 'demo',
      details: { synthetic: true, values: seeded, quarters: HISTORY_QUARTERS, open: open.label },
    });
  });
  return { seeded };
}
