import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { readableCases } from '../access/caseAccess.ts';
import { dayOf } from '../panel/panelErrors.ts';

/*
 * "My cases": the open cases a person may read by standing (member of the panel, allocated worker, referrer), not
 * those reached by breaking glass, with the next review; and their own open actions on cases they may read.
 * `readableCases` is the rule; the standing condition beside it uses uncorrelated IN lists the planner hashes
 * once, so the page stays a couple of indexed queries at 20,000 cases.
 */

export const MY_CASES_PAGE_SIZE = 50;

export interface MyCaseRow {
  id: number;
  reference: string;
  panelId: string;
  panelName: string;
  personName: string | null;
  reviewOn: string | null;
  firstHeardOn: string | null;
  escalated: boolean;
}

export interface MyAction {
  id: number;
  caseId: number;
  caseReference: string;
  text: string;
  dueOn: string;
}

function standing(actor: Actor, day: string) {
  return sql<boolean>`(
    c.panel_id IN (SELECT m.panel_id FROM panel_member m WHERE m.user_id = ${actor.id}
                   AND m.joined_on <= ${day} AND (m.left_on IS NULL OR m.left_on > ${day}))
    OR c.allocated_to = ${actor.id}
    OR c.referral_id IN (SELECT r.id FROM referral r WHERE r.referrer_id = ${actor.id}))`;
}

export async function myCases(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
  page: number,
): Promise<{ cases: MyCaseRow[]; total: number; actions: MyAction[] }> {
  const day = dayOf(now);
  const offset = (Math.max(1, page) - 1) * MY_CASES_PAGE_SIZE;
  // The page's ids by standing (one scan with two hashed IN lists) with the number standing beside each (a window
  // over the same scan, so the count costs no second pass); then the rule itself on those ≤ 50 rows: standing is a
  // part of readableCases, so nothing is lost, and the rule still has the last word on what is listed.
  const pageIds = db
    .selectFrom('panel_case as c')
    .where('c.status', '=', 'open')
    .where(standing(actor, day))
    .select(['c.id', sql<string>`count(*) OVER ()`.as('standing')])
    .orderBy(sql`c.review_on ASC NULLS FIRST`)
    .orderBy('c.id')
    .limit(MY_CASES_PAGE_SIZE)
    .offset(offset);
  const [rows, actions] = await Promise.all([
    db
      .with('page', () => pageIds)
      .selectFrom('page')
      .innerJoin('panel_case as c', 'c.id', 'page.id')
      .innerJoin('panel as p', 'p.id', 'c.panel_id')
      .leftJoin('person as pe', 'pe.id', 'c.person_id')
      .select([
        'page.standing',
        'c.id',
        'c.reference',
        'c.panel_id',
        'p.name',
        'pe.given_name',
        'pe.family_name',
        'c.review_on',
        'c.first_heard_on',
        'c.escalated',
      ])
      .where(readableCases(actor, now))
      .orderBy(sql`c.review_on ASC NULLS FIRST`)
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('case_action as a')
      .innerJoin('panel_case as c', 'c.id', 'a.case_id')
      .select(['a.id', 'a.case_id', 'c.reference', 'a.text', 'a.due_on'])
      .where('a.owner_id', '=', actor.id)
      .where('a.status', '=', 'open')
      .where(readableCases(actor, now))
      .orderBy('a.due_on')
      .orderBy('a.id')
      .limit(100)
      .execute(),
  ]);
  // A page past the end has no rows to carry the number; it is counted on its own then (rare: a stale link).
  const total =
    rows.length > 0 || offset === 0
      ? Number(rows[0]?.standing ?? 0)
      : Number(
          (
            await db
              .selectFrom('panel_case as c')
              .where('c.status', '=', 'open')
              .where(standing(actor, day))
              .select(sql<string>`count(*)`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
  return {
    cases: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      panelId: r.panel_id,
      panelName: r.name,
      personName: r.given_name === null ? null : `${r.given_name} ${r.family_name}`,
      reviewOn: r.review_on,
      firstHeardOn: r.first_heard_on,
      escalated: r.escalated,
    })),
    total,
    actions: actions.map((a) => ({
      id: a.id,
      caseId: a.case_id,
      caseReference: a.reference,
      text: a.text,
      dueOn: a.due_on,
    })),
  };
}
