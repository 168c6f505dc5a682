import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { type ReaderAt, readableCasesAt, readerAt } from '../access/caseAccess.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import { firstStandingCases, REVIEW_ORDER, standingCount } from './standingCases.ts';

/*
 * "My cases": the open cases a person may read by standing (member of the panel, allocated worker, referrer), not
 * those reached by breaking glass, with the next review; and their own open actions on cases they may read.
 * `readableCases` is the rule; standing (standingCases.ts) finds the page's few candidates and the number from
 * indexes, so the page is one statement that reads about a page of rows at 20,000 cases.
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

/**
 * One statement: the number standing, the page (ids by standing, then the rule itself on those ≤ 50 rows: standing
 * is a part of readableCases, so nothing is lost, and the rule still has the last word) and my open actions.
 * Prepared (src/db/preparedQuery.ts): built once, planned once per PostgreSQL connection.
 */
const myCasesQuery = preparedQuery(
  (db, v: ReaderAt & { firstN: number; offset: number }) =>
    db.selectNoFrom((eb) => [
      standingCount(db, v.userId, v.day).as('total'),
      jsonArrayFrom(
        eb
          .selectFrom(
            db
              .selectFrom(firstStandingCases(db, v.userId, v.day, v.firstN).as('b'))
              .select(['b.id', 'b.review_on'])
              .orderBy(sql`b.review_on ASC NULLS FIRST`)
              .orderBy('b.id')
              .limit(MY_CASES_PAGE_SIZE)
              .offset(v.offset)
              .as('page'),
          )
          .innerJoin('panel_case as c', 'c.id', 'page.id')
          .innerJoin('panel as p', 'p.id', 'c.panel_id')
          .leftJoin('person as pe', 'pe.id', 'c.person_id')
          .select([
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
          .where(readableCasesAt(v))
          .orderBy(REVIEW_ORDER)
          .orderBy('c.id'),
      ).as('cases'),
      jsonArrayFrom(
        eb
          .selectFrom('case_action as a')
          .innerJoin('panel_case as c', 'c.id', 'a.case_id')
          .select(['a.id', 'a.case_id', 'c.reference', 'a.text', 'a.due_on'])
          .where('a.owner_id', '=', v.userId)
          .where('a.status', '=', 'open')
          .where(readableCasesAt(v))
          .orderBy('a.due_on')
          .orderBy('a.id')
          .limit(100),
      ).as('actions'),
    ]),
  ['userId', 'day', 'now', 'firstN', 'offset'],
);

export async function myCases(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
  page: number,
): Promise<{ cases: MyCaseRow[]; total: number; actions: MyAction[] }> {
  const offset = (Math.max(1, page) - 1) * MY_CASES_PAGE_SIZE;
  const [found] = await myCasesQuery(db, { ...readerAt(actor, now), firstN: offset + MY_CASES_PAGE_SIZE, offset });
  if (!found) throw new Error('my cases: the query gave no row');
  return {
    cases: found.cases.map((r) => ({
      id: r.id,
      reference: r.reference,
      panelId: r.panel_id,
      panelName: r.name,
      personName: r.given_name === null ? null : `${r.given_name} ${r.family_name}`,
      reviewOn: r.review_on,
      firstHeardOn: r.first_heard_on,
      escalated: r.escalated,
    })),
    total: Number(found.total),
    actions: found.actions.map((a) => ({
      id: a.id,
      caseId: a.case_id,
      caseReference: a.reference,
      text: a.text,
      dueOn: a.due_on,
    })),
  };
}
