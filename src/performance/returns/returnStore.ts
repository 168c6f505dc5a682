import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { lastDayOf, monthToDate } from '../../domain/periods/month.ts';
import { parseQuarter, valuePeriod } from '../../domain/performance/indicatorPeriods.ts';
import { actorOf } from './openQuarter.ts';
export { openQuarter } from './openQuarter.ts';
export { acceptReturn, sendBackReturn } from './checkReturn.ts';
import { lockReturn, move } from './checkReturn.ts';
import { checkEntry, type CheckedEntry, type RawEntry } from '../../domain/performance/returnValidation.ts';
import { Indicator } from '../indicatorSchema.ts';
import { type FieldProblem, PerformanceError } from '../performanceError.ts';
import { canEnterReturn } from '../store/performancePolicy.ts';
import { entryRulesFor } from './entryRules.ts';
import { acceptedValues, getReturn, isoDay, type ReturnDetail } from './returnQueries.ts';

/*
 * The quarterly return cycle: open → (agency enters and) submits → the partnership analyst accepts it or sends it
 * back with a reason → the agency corrects and submits again. Every write is one transaction with its audit
 * entry; a refused request (policy, validation, wrong state) throws before anything is written.
 */

export interface SaveInput {
  /** Raw entries by indicator id, as typed in the form or read from an upload. */
  entries: Record<string, RawEntry>;
  /** Submit for checking after saving. */
  submit: boolean;
  /** Why earlier values change: required when a submitted value is corrected. */
  reason?: string;
  /** SYNTHETIC demo values are labelled as such wherever they show. */
  synthetic?: boolean;
}

/** Saves (and optionally submits) an agency's values; every problem of every entry is reported at once. */
export async function saveReturn(
  db: Kysely<DB>,
  actor: Actor,
  returnId: number,
  input: SaveInput,
  at = new Date(),
): Promise<ReturnDetail> {
  const ret = await getReturn(db, returnId, isoDay(at));
  if (!canEnterReturn(actor, ret.agency))
    throw new PerformanceError(
      'FORBIDDEN',
      `only ${ret.agencyName}'s analysts, data owners and managers can fill in its return`,
    );
  if (ret.status === 'submitted' || ret.status === 'accepted')
    throw new PerformanceError(
      'CONFLICT',
      `the return is ${ret.status === 'submitted' ? 'waiting to be checked' : 'accepted'}: ask the partnership analyst to send it back to change it`,
    );
  const everSubmitted = ret.events.some((e) => e.action === 'submitted');
  const earlier = await acceptedValues(
    db,
    ret.asks.map((i) => i.id),
  );
  const versions = await versionBodies(db);
  const problems: FieldProblem[] = [];
  const toWrite: { indicator: Indicator; entry: CheckedEntry; start: string; end: string; replaces: number | null }[] =
    [];
  const quarter = parseQuarter(ret.quarter);
  for (const indicator of ret.asks) {
    const raw = input.entries[indicator.id];
    if (raw === undefined || (raw.value.trim() === '' && (raw.numerator ?? '').trim() === '')) continue;
    const period = valuePeriod(indicator.periodType, quarter);
    const end = lastDayOf(period.end);
    const checked = checkEntry(raw, entryRulesFor(indicator, end, earlier, versions));
    if (!checked.ok) {
      problems.push(...checked.problems.map((p) => ({ ...p, indicatorId: indicator.id })));
      continue;
    }
    const before = ret.current.get(indicator.id);
    if (before !== undefined && sameEntry(before, checked.entry)) continue;
    toWrite.push({
      indicator,
      entry: checked.entry,
      start: monthToDate(period.start),
      end,
      replaces: before?.id ?? null,
    });
  }
  const reason = (input.reason ?? '').trim();
  if (everSubmitted && reason === '' && toWrite.some((w) => w.replaces !== null))
    problems.push({
      field: 'reason',
      message: 'Say why the submitted figures change: the earlier values are kept with your reason',
    });
  if (input.submit) {
    const filled = new Set([...ret.current.keys(), ...toWrite.map((w) => w.indicator.id)]);
    for (const i of ret.asks)
      if (!filled.has(i.id) && !problems.some((p) => p.indicatorId === i.id))
        problems.push({ indicatorId: i.id, field: 'value', message: `Enter a value for ${i.name}` });
  }
  if (problems.length > 0)
    throw new PerformanceError('VALIDATION', 'the return has problems; nothing was saved', problems);
  await db.transaction().execute(async (trx) => {
    await lockReturn(trx, returnId, ret.status);
    for (const w of toWrite)
      await trx
        .insertInto('return_value')
        .values({
          return_id: returnId,
          indicator_id: w.indicator.id,
          indicator_version: w.indicator.version,
          period_start: w.start,
          period_end: w.end,
          value: w.entry.value,
          numerator: w.entry.numerator,
          denominator: w.entry.denominator,
          commentary: w.entry.commentary,
          outlier_note: w.entry.outlierNote,
          replaces: w.replaces,
          reason: w.replaces === null ? '' : reason,
          entered_by: actor.id,
          synthetic: input.synthetic ?? false,
        })
        .execute();
    const changes = toWrite.map((w) => ({ indicator: w.indicator.id, value: w.entry.value, replaces: w.replaces }));
    if (changes.length > 0)
      await recordAudit(
        trx,
        {
          action: 'return.save',
          actor: actorOf(actor),
          subjectType: 'return',
          subjectId: returnId,
          details: { changes, reason },
        },
        at,
      );
    if (input.submit) await move(trx, actor, returnId, 'submitted', 'return.submit', '', at);
    else await trx.updateTable('performance_return').set({ updated_at: at }).where('id', '=', returnId).execute();
  });
  return getReturn(db, returnId, isoDay(at));
}

const sameEntry = (
  a: { value: number; numerator: number | null; denominator: number | null; commentary: string; outlierNote: string },
  b: CheckedEntry,
) =>
  a.value === b.value &&
  a.numerator === b.numerator &&
  a.denominator === b.denominator &&
  a.commentary === b.commentary &&
  a.outlierNote === b.outlierNote;

/** Every stored indicator version's body, by 'id@version'. */
export async function versionBodies(db: Kysely<DB>): Promise<Map<string, Indicator>> {
  const rows = await db.selectFrom('indicator_version').select(['indicator_id', 'version', 'body']).execute();
  return new Map(rows.map((r) => [`${r.indicator_id}@${r.version}`, Indicator.parse(r.body)]));
}
