import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { RiskLevel, ScreeningRoute } from '../../db/tables/panels.ts';
import { panelsOf } from '../access/caseAccess.ts';
import type { Reason } from './score.ts';

/*
 * Reading screenings. One screening is readable by its author and by the members of the MASH (who receive the
 * referral made from it); to anybody else it does not exist. The agency list shows only date, level and route.
 */

const Reasons = z.array(
  z.object({
    questionId: z.string(),
    text: z.string(),
    answer: z.string(),
    points: z.number(),
    immediate: z.boolean(),
  }),
);

export interface Screening {
  id: number;
  toolId: string;
  toolVersion: number;
  agency: string;
  setting: string;
  completedBy: number;
  answers: Record<string, string>;
  score: number;
  level: RiskLevel;
  /** As written by completeScreening; null if the row holds them in another shape (score the answers again). */
  reasons: Reason[] | null;
  recommendedRoute: ScreeningRoute;
  confirmedRoute: ScreeningRoute;
  overrideReason: string | null;
  ageBand: string;
  sex: string;
  identified: boolean;
  createdAt: Date;
}

/** Whether the actor may read screenings sent to the MASH: a current member of a panel of kind 'mash'. */
async function onTheMash(db: Kysely<DB>, actor: Actor, now: Date): Promise<boolean> {
  const mine = [...(await panelsOf(db, actor, now)).keys()];
  if (!mine.length) return false;
  const mash = await db
    .selectFrom('panel')
    .select('id')
    .where('kind', '=', 'mash')
    .where('id', 'in', mine)
    .executeTakeFirst();
  return mash !== undefined;
}

/** The screening if the actor may read it, else null (a refusal looks like absence). */
export async function readScreening(db: Kysely<DB>, actor: Actor, id: number, now: Date): Promise<Screening | null> {
  const row = await db.selectFrom('screening').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  if (row.completed_by !== actor.id && !(await onTheMash(db, actor, now))) return null;
  return {
    id: row.id,
    toolId: row.tool_id,
    toolVersion: row.tool_version,
    agency: row.agency,
    setting: row.setting,
    completedBy: row.completed_by,
    answers: row.answers as Record<string, string>,
    score: row.score,
    level: row.level,
    reasons: Reasons.safeParse(row.reasons).data ?? null,
    recommendedRoute: row.recommended_route,
    confirmedRoute: row.confirmed_route,
    overrideReason: row.override_reason,
    ageBand: row.age_band,
    sex: row.sex,
    identified: row.identified,
    createdAt: row.created_at,
  };
}

export interface ScreeningSummary {
  id: number;
  createdAt: Date;
  level: RiskLevel;
  confirmedRoute: ScreeningRoute;
  mine: boolean;
}

/** An agency's most recent screenings, newest first: no answers, no identity. */
export async function recentScreenings(db: Kysely<DB>, actor: Actor, limit = 20): Promise<ScreeningSummary[]> {
  const rows = await db
    .selectFrom('screening')
    .select(['id', 'created_at', 'level', 'confirmed_route', 'completed_by'])
    .where('agency', '=', actor.agency)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    level: r.level,
    confirmedRoute: r.confirmed_route,
    mine: r.completed_by === actor.id,
  }));
}
