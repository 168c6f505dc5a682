import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { ScreeningRoute } from '../../db/tables/panels.ts';
import { ageBand } from '../../domain/panels/demographics.ts';
import type { Prng } from '../../synth/prng.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { scoreScreening } from '../screening/score.ts';
import { questionsOf, type ScreeningTool } from '../screening/toolSchema.ts';
import { storedTool } from '../screening/toolSet.ts';
import { at } from './demoDays.ts';

/*
 * SYNTHETIC screenings for the demo, answered against the stored screening tool: yes-no questions answered yes
 * more often for one referred on, choice questions by a drawn option, scored by the tool's own scoring
 * (src/panels/screening/score.ts). A screening the story refers on is confirmed to the MASH (with an override reason when the score
 * recommended otherwise); one that stays unidentified is confirmed as advice or early help. Each writes its
 * screening fact in the same transaction.
 */

/** The newest version of the first stored tool, checked by the tool's own schema; null when none is stored. */
export async function newestTool(db: Kysely<DB>): Promise<ScreeningTool | null> {
  const row = await db.selectFrom('screening_tool').select('id').orderBy('id').limit(1).executeTakeFirst();
  return row ? ((await storedTool(db, row.id)) ?? null) : null;
}

export interface DemoScreening {
  agency: string;
  setting: string;
  by: Actor;
  day: string;
  /** Age (whole years) and sex of the person screened; identified only when it becomes a referral. */
  age: number;
  sex: string;
  referred: boolean;
}

export async function writeScreening(
  trx: Kysely<DB>,
  ring: KeyRing,
  rng: Prng,
  tool: ScreeningTool,
  s: DemoScreening,
): Promise<number> {
  const yes = s.referred ? 0.35 : 0.1;
  const answers: Record<string, string> = {};
  for (const q of questionsOf(tool))
    answers[q.id] =
      q.type === 'choice'
        ? q.options![rng.between(0, q.options!.length - 1)]!.id
        : rng.chance(yes)
          ? 'yes'
          : rng.chance(0.85)
            ? 'no'
            : 'not-known';
  const band = ageBand(s.age);
  const result = scoreScreening(tool, answers, band);
  const recommended = result.recommendedRoute;
  const wanted: ScreeningRoute = s.referred ? 'mash' : recommended === 'advice' ? 'advice' : 'early-help';
  const row = await trx
    .insertInto('screening')
    .values({
      tool_id: tool.id,
      tool_version: tool.version,
      agency: s.agency,
      setting: s.setting,
      completed_by: s.by.id,
      completed_by_email: s.by.email,
      answers: JSON.stringify(answers),
      score: result.score,
      level: result.level,
      reasons: JSON.stringify(result.reasons),
      recommended_route: recommended,
      confirmed_route: wanted,
      override_reason:
        wanted === recommended ? null : 'SYNTHETIC demo: the practitioner judged this route right from what they know',
      age_band: band,
      sex: s.sex,
      identified: s.referred,
      created_at: at(s.day, 10),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordFact(trx, ring, {
    kind: 'screening',
    occurredOn: s.day,
    agency: s.agency,
    route: wanted,
    ageBand: band,
    sex: s.sex,
    ethnicityGroup: 'Not stated',
    source: `screening:${row.id}`,
  });
  return row.id;
}
