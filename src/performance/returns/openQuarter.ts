import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { lastDayOf, monthToDate } from '../../domain/periods/month.ts';
import { parseQuarter, QuarterLabelError } from '../../domain/performance/indicatorPeriods.ts';
import type { Indicator } from '../indicatorSchema.ts';
import { PerformanceError } from '../performanceError.ts';
import { canOpenQuarter } from '../store/performancePolicy.ts';

export const actorOf = (a: Actor) => ({ userId: a.id, email: a.email, agency: a.agency });

/**
 * Opens the quarter: one return per lead agency that owns returned indicators, listing the current version of
 * each. A return already open for that agency and quarter is left as it is (opening twice is harmless).
 */
export async function openQuarter(
  db: Kysely<DB>,
  actor: Actor,
  input: { quarter: string; dueOn: string; indicators: readonly Indicator[] },
): Promise<{ opened: string[]; alreadyOpen: string[] }> {
  if (!canOpenQuarter(actor)) throw new PerformanceError('FORBIDDEN', 'only a partnership manager can open a quarter');
  let quarter: ReturnType<typeof parseQuarter>;
  try {
    quarter = parseQuarter(input.quarter);
  } catch (error) {
    if (error instanceof QuarterLabelError)
      throw new PerformanceError('VALIDATION', error.message, [{ field: 'quarter', message: error.message }]);
    throw error;
  }
  const periodEnd = lastDayOf(quarter.end);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn) || Number.isNaN(Date.parse(input.dueOn)))
    throw new PerformanceError('VALIDATION', `the due date "${input.dueOn}" is not a date`, [
      { field: 'dueOn', message: 'Enter the due date as YYYY-MM-DD' },
    ]);
  if (input.dueOn <= periodEnd)
    throw new PerformanceError(
      'VALIDATION',
      `returns for ${quarter.label} cannot be due before the quarter ends (${periodEnd})`,
      [{ field: 'dueOn', message: `The due date must be after ${periodEnd}` }],
    );
  const byAgency = new Map<string, Indicator[]>();
  for (const i of input.indicators)
    if (i.source.kind === 'returned') byAgency.set(i.leadAgency, [...(byAgency.get(i.leadAgency) ?? []), i]);
  return db.transaction().execute(async (trx) => {
    const opened: string[] = [];
    const alreadyOpen: string[] = [];
    for (const [agency, asks] of [...byAgency].sort(([a], [b]) => a.localeCompare(b))) {
      const row = await trx
        .insertInto('performance_return')
        .values({
          agency_code: agency,
          quarter: quarter.label,
          period_start: monthToDate(quarter.start),
          period_end: periodEnd,
          due_on: input.dueOn,
          opened_by: actor.id,
        })
        .onConflict((oc) => oc.columns(['agency_code', 'quarter']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row === undefined) {
        alreadyOpen.push(agency);
        continue;
      }
      await trx
        .insertInto('return_indicator')
        .values(asks.map((i) => ({ return_id: row.id, indicator_id: i.id, indicator_version: i.version })))
        .execute();
      await trx.insertInto('return_event').values({ return_id: row.id, action: 'opened', by_user: actor.id }).execute();
      await recordAudit(trx, {
        action: 'return.open',
        actor: actorOf(actor),
        subjectType: 'return',
        subjectId: row.id,
        details: { agency, quarter: quarter.label, dueOn: input.dueOn, indicators: asks.map((i) => i.id) },
      });
      opened.push(agency);
    }
    return { opened, alreadyOpen };
  });
}
