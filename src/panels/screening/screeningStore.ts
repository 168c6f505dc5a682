import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { checkAbout, checkAnswers, checkRoute, type FieldError, type ScreeningInput } from './checkScreening.ts';
import { type ScreeningResult, scoreScreening } from './score.ts';
import { storedTool } from './toolSet.ts';

/*
 * Completing a screening: checked whole, then the screening, its anonymous count (`panel_fact` kind 'screening')
 * and the audit entry written in one transaction, so a refused screening leaves no trace. A screening holds no
 * identity (identified = false) until a referral is made from it.
 */

export class ScreeningError extends Error {
  override name = 'ScreeningError';
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

export interface CompletedScreening {
  id: number;
  result: ScreeningResult;
}

export async function completeScreening(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  input: ScreeningInput,
  now: Date,
): Promise<CompletedScreening> {
  // Administrators run accounts, not casework (decision 0017).
  if (actor.role === 'administrator')
    throw new ScreeningError([{ field: 'actor', message: 'Administrators do not complete screenings' }]);
  const tool = await storedTool(db, input.toolId, input.toolVersion);
  if (!tool) throw new ScreeningError([{ field: 'tool', message: `There is no screening tool "${input.toolId}"` }]);
  const answerErrors = checkAnswers(tool, input.answers);
  const { about, errors: aboutErrors } = checkAbout(tool, input);
  if (answerErrors.length || !about) throw new ScreeningError([...answerErrors, ...aboutErrors]);
  const result = scoreScreening(tool, input.answers, about.ageBand);
  const { route, reason, errors } = checkRoute(result, input);
  if (!route) throw new ScreeningError(errors);

  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('screening')
      .values({
        tool_id: tool.id,
        tool_version: tool.version,
        agency: actor.agency,
        setting: about.setting,
        completed_by: actor.id,
        completed_by_email: actor.email,
        answers: JSON.stringify(input.answers),
        score: result.score,
        level: result.level,
        reasons: JSON.stringify(result.reasons),
        recommended_route: result.recommendedRoute,
        confirmed_route: route,
        override_reason: reason,
        age_band: about.ageBand,
        sex: about.sex,
        identified: false,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordFact(trx, ring, {
      kind: 'screening',
      occurredOn: now.toISOString().slice(0, 10),
      agency: actor.agency,
      route,
      ageBand: about.ageBand,
      sex: about.sex,
      ethnicityGroup: about.ethnicGroup,
      source: `screening:${row.id}`,
    });
    await recordAudit(
      trx,
      {
        action: 'screening.complete',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'screening',
        subjectId: row.id,
        details: {
          tool: tool.id,
          version: tool.version,
          level: result.level,
          recommendedRoute: result.recommendedRoute,
          confirmedRoute: route,
          overridden: route !== result.recommendedRoute,
        },
      },
      now,
    );
    return row.id;
  });
  return { id, result };
}
