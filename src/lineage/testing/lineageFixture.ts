import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../auth/policy.ts';
import { actorOf, insertUser } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import type { PlanItemKind, PlanItemStatus } from '../../db/tables/delivery.ts';
import { loadIndicators } from '../../performance/loadIndicators.ts';
import { syncIndicatorFiles } from '../../performance/store/indicatorStore.ts';
import { sampleReport } from '../../reports/testing/sampleReport.ts';

/*
 * Small hand-built rows for lineage tests (SYNTHETIC): people of each role, a plan with items, boards, meetings
 * and decisions inserted directly, a published report (the renderer tests' sample report), and indicators copied
 * from the starter set under new ids so a test knows exactly which exist.
 */

export type People = Record<'analyst' | 'manager' | 'viewer' | 'dataOwner' | 'administrator', Actor>;

export async function insertPeople(db: Kysely<DB>, prefix = ''): Promise<People> {
  const person = async (name: string, role: Role, agency: string) =>
    actorOf(await insertUser(db, { email: `${prefix}${name}@test.invalid`, agency, role, password: null }));
  return {
    analyst: await person('analyst', 'analyst', 'local_authority'),
    manager: await person('manager', 'partnership_manager', 'local_authority'),
    viewer: await person('viewer', 'viewer', 'probation'),
    dataOwner: await person('owner', 'data_owner', 'police'),
    administrator: await person('admin', 'administrator', 'local_authority'),
  };
}

export async function insertPlan(
  db: Kysely<DB>,
  title: string,
  theme: string,
): Promise<{ planId: number; themeId: number }> {
  const plan = await db
    .insertInto('plan')
    .values({ kind: 'action-plan', title, created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const t = await db
    .insertInto('plan_theme')
    .values({
      plan_id: plan.id,
      theme_key: theme.toLowerCase(),
      number: '1',
      title: theme,
      description: '',
      position: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { planId: plan.id, themeId: t.id };
}

export interface ItemInput {
  kind: PlanItemKind;
  number: string;
  wording: string;
  ownerPerson?: string | null;
  ownerAgency?: string | null;
  dueOn?: string | null;
  status?: PlanItemStatus;
}

export async function insertItem(
  db: Kysely<DB>,
  plan: { planId: number; themeId: number },
  input: ItemInput,
): Promise<number> {
  const row = await db
    .insertInto('plan_item')
    .values({
      plan_id: plan.planId,
      theme_id: plan.themeId,
      match_key: `${input.kind}-${input.number}`,
      number: input.number,
      kind: input.kind,
      category: 'core',
      position: Number.parseInt(input.number, 10) || 0,
      owner_person: input.ownerPerson ?? null,
      owner_agency: input.ownerAgency ?? null,
      due_on: input.dueOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('plan_item_wording')
    .values({ item_id: row.id, version: 1, wording: input.wording, changed_by: 'test' })
    .execute();
  if (input.status)
    await db
      .insertInto('plan_item_status')
      .values({ item_id: row.id, status: input.status, reason: 'SYNTHETIC test status', changed_by: 'test' })
      .execute();
  return row.id;
}

export async function insertBoard(db: Kysely<DB>, name: string, restricted = false): Promise<number> {
  const row = await db
    .insertInto('board')
    .values({ name, kind: 'board', quorum: 1, restricted, created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A meeting of the board starting at `startsAt` (an ISO time), an hour long. */
export async function insertMeeting(db: Kysely<DB>, boardId: number, startsAt: string): Promise<number> {
  const start = new Date(startsAt);
  const row = await db
    .insertInto('meeting')
    .values({
      board_id: boardId,
      starts_at: start,
      ends_at: new Date(start.getTime() + 3_600_000),
      status: 'held',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDecision(db: Kysely<DB>, meetingId: number, number: string, text: string): Promise<number> {
  const row = await db
    .insertInto('decision')
    .values({ meeting_id: meetingId, number, text, recorded_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The sample report published as version 1 (internal edition); returns the report's id. */
export async function insertPublishedReport(db: Kysely<DB>, author: Actor, title = 'SYNTHETIC SNA'): Promise<number> {
  const report = await db
    .insertInto('report')
    .values({
      title,
      template_id: 'sna',
      template_version: 1,
      area_code: 'E09000030',
      period: '2023/24',
      status: 'published',
      owning_agency: 'local_authority',
      created_by: author.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('report_version')
    .values({ report_id: report.id, version: 1, narrative: '{}', changed_by: author.id })
    .execute();
  await db
    .insertInto('report_publication')
    .values({
      report_id: report.id,
      version: 1,
      edition: 'internal',
      built: JSON.stringify(sampleReport('internal')),
      as_of: '{}',
      published_by: author.id,
    })
    .execute();
  return report.id;
}

/** Copies of the first starter indicator under the given ids, named "SYNTHETIC <id>". */
export async function insertIndicators(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  const [first] = (await loadIndicators()).indicators;
  if (first === undefined) throw new Error('the starter indicator set is empty');
  await syncIndicatorFiles(
    db,
    ids.map((id) => ({ ...first, id, name: `SYNTHETIC ${id}`, version: 1 })),
  );
}
