import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/*
 * The open cases a person reads by standing, as three disjoint parts, each answered from an index (migration 0028):
 *   1. the cases of the panels they sit on today (panel_case_by_panel: panel, status, review, id);
 *   2. the cases allocated to them, in panels they do not sit on (panel_case_by_allocated);
 *   3. the cases opened from their referrals, in neither of those (referral_by_referrer, panel_case_by_referral).
 * A page takes the first n of each part in review order (per panel, an ordered index scan that stops at n) and
 * orders those few; the number is the three parts' counts added, the first an index-only count. So "my cases"
 * reads about a page of rows however many open cases a panel holds (bench/panels: 2,000 open in MACE), where one
 * condition ORing the three had to read, filter and sort every open case.
 */

/** Soonest review first, never-heard (no review date) before all; `c` is the case. */
export const REVIEW_ORDER = sql`c.review_on ASC NULLS FIRST`;

/** The panels the user sits on on `day`. */
const panelsOn = (db: Kysely<DB>, userId: number, day: string) =>
  db
    .selectFrom('panel_member as m')
    .select('m.panel_id')
    .where('m.user_id', '=', userId)
    .where('m.joined_on', '<=', day)
    .where((w) => w.or([w('m.left_on', 'is', null), w('m.left_on', '>', day)]));

/** A case as a part's condition sees it. */
type CaseCondition = (eb: ExpressionBuilder<DB & { c: DB['panel_case'] }, 'c'>) => Expression<SqlBool>;

/** The first `n` open cases meeting `standing`, in review order, as a derived table a union can take whole. */
const firstOpen = (db: Kysely<DB>, n: number, standing: CaseCondition) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('panel_case as c')
        .select(['c.id', 'c.review_on'])
        .where(standing)
        .where('c.status', '=', 'open')
        .orderBy(REVIEW_ORDER)
        .orderBy('c.id')
        .limit(n)
        .as('part'),
    )
    .select(['part.id', 'part.review_on']);

/** The ids (with their review date) of the first `n` open cases of each part, in review order within each part. */
export function firstStandingCases(db: Kysely<DB>, userId: number, day: string, n: number) {
  const membership = db
    .selectFrom(panelsOn(db, userId, day).as('mine'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('panel_case as c')
          .select(['c.id', 'c.review_on'])
          .whereRef('c.panel_id', '=', 'mine.panel_id')
          .where('c.status', '=', 'open')
          .orderBy(REVIEW_ORDER)
          .orderBy('c.id')
          .limit(n)
          .as('x'),
      (join) => join.onTrue(),
    )
    .select(['x.id', 'x.review_on']);
  const allocated = firstOpen(db, n, (eb) => eb('c.allocated_to', '=', userId));
  const referred = firstOpen(db, n, (eb) =>
    eb('c.referral_id', 'in', eb.selectFrom('referral as r').select('r.id').where('r.referrer_id', '=', userId)),
  );
  // UNION, not UNION ALL: a case may be in more than one part's first n; the outer query orders and pages.
  return membership.union(allocated).union(referred);
}

/** How many open cases the actor reads by standing: the three parts counted apart, each once. */
export function standingCount(db: Kysely<DB>, userId: number, day: string) {
  // Counted per panel sat on, so each count is an index-only scan of panel_case_by_panel; `panel_id IN (panels)`
  // was planned as a hash join over a sequential scan of every case (2.3 ms of the page's 4 ms at 20,000 cases).
  const onMyPanels = db.selectFrom(panelsOn(db, userId, day).as('mine')).select((eb) =>
    sql<string>`coalesce(sum((${eb
      .selectFrom('panel_case as c')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('c.panel_id', '=', 'mine.panel_id')
      .where('c.status', '=', 'open')})), 0)`.as('n'),
  );
  const allocatedElsewhere = db
    .selectFrom('panel_case as c')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('c.allocated_to', '=', userId)
    .where('c.status', '=', 'open')
    .where('c.panel_id', 'not in', panelsOn(db, userId, day));
  const referredElsewhere = db
    .selectFrom('referral as r')
    .innerJoin('panel_case as c', 'c.referral_id', 'r.id')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('r.referrer_id', '=', userId)
    .where('c.status', '=', 'open')
    .where('c.panel_id', 'not in', panelsOn(db, userId, day))
    .where((w) => w.or([w('c.allocated_to', 'is', null), w('c.allocated_to', '<>', userId)]));
  return sql<string>`(${onMyPanels}) + (${allocatedElsewhere}) + (${referredElsewhere})`;
}
