import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { RiskLevel, ScreeningRoute } from '../../db/tables/panels.ts';
import { ageBand } from '../../domain/panels/demographics.ts';
import type { Prng } from '../../synth/prng.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import { at } from './demoDays.ts';

/*
 * SYNTHETIC screenings for the demo, answered against the newest stored screening tool: yes-no questions answered
 * yes more often for a higher level, choice questions by a drawn option, scored with the tool's own weights and
 * thresholds. A screening the story refers on is confirmed to the MASH (with an override reason when the score
 * recommended otherwise); one that stays unidentified is confirmed as advice or early help. Each writes its
 * screening fact in the same transaction.
 */

interface ToolShape {
  id: string;
  version: number;
  questions: { id: string; type: string; weight?: number; options?: { id: string; weight: number }[] }[];
  levels: { medium: number; high: number };
  routes: Record<RiskLevel, ScreeningRoute>;
}

/** The newest stored tool, read loosely (its schema belongs to src/panels/screening); null when none is stored. */
export async function newestTool(db: Kysely<DB>): Promise<ToolShape | null> {
  const row = await db
    .selectFrom('screening_tool')
    .select(['id', 'version', 'definition'])
    .orderBy('id')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const d = (typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition) as {
    groups?: { questions?: ToolShape['questions'] }[];
    levels?: ToolShape['levels'];
    routes?: ToolShape['routes'];
  };
  return {
    id: row.id,
    version: row.version,
    questions: (d.groups ?? []).flatMap((g) => g.questions ?? []),
    levels: d.levels ?? { medium: 1, high: 2 },
    routes: d.routes ?? { low: 'advice', medium: 'early-help', high: 'mash' },
  };
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
  tool: ToolShape,
  s: DemoScreening,
): Promise<number> {
  const yes = s.referred ? 0.6 : 0.2;
  const answers: Record<string, string> = {};
  const reasons: string[] = [];
  let score = 0;
  for (const q of tool.questions) {
    if (q.type === 'choice' && q.options?.length) {
      const o = q.options[rng.between(0, q.options.length - 1)]!;
      answers[q.id] = o.id;
      score += o.weight;
      if (o.weight > 0) reasons.push(q.id);
    } else {
      const a = rng.chance(yes) ? 'yes' : rng.chance(0.85) ? 'no' : 'not-known';
      answers[q.id] = a;
      if (a === 'yes') {
        score += q.weight ?? 0;
        reasons.push(q.id);
      }
    }
  }
  const level: RiskLevel = score >= tool.levels.high ? 'high' : score >= tool.levels.medium ? 'medium' : 'low';
  const recommended = tool.routes[level];
  const wanted: ScreeningRoute = s.referred ? 'mash' : recommended === 'advice' ? 'advice' : 'early-help';
  const band = ageBand(s.age);
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
      score,
      level,
      reasons: JSON.stringify(reasons.map((id) => ({ question: id }))),
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
