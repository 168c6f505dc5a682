import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import type { Actor, Role } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { meetingActionsFor } from '../myMeetingActions.ts';
import { nthWeekday } from './demoGovernancePlan.ts';
import { seedDemoGovernance } from './demoGovernance.ts';

/* The demo's SYNTHETIC governance, seeded through the stores for the demo users. */

const DEMO: [string, string, Role][] = [
  ['analyst@council.demo', 'local_authority', 'analyst'],
  ['manager@council.demo', 'local_authority', 'partnership_manager'],
  ['owner@police.demo', 'police', 'data_owner'],
  ['analyst@health.demo', 'health', 'analyst'],
  ['viewer@probation.demo', 'probation', 'viewer'],
];
let t: TestDb;
let db: Kysely<DB>;
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  for (const [email, agency, role] of DEMO) {
    const { id } = await db
      .insertInto('app_user')
      .values({ email, agency_code: agency, role })
      .returning('id')
      .executeTakeFirstOrThrow();
    actors[email] = { id, email, agency, role };
  }
}, 60_000);
afterAll(async () => t?.drop());

describe('demo governance', () => {
  it('meets on the nth weekday', () => {
    expect(nthWeekday('2025-01', 2, 2)).toBe('2025-01-14');
    expect(nthWeekday('2025-03', 4, 2)).toBe('2025-03-13');
    expect(nthWeekday('2025-02', 3, 3)).toBe('2025-02-19');
  });

  it('seeds three boards, a year of meetings, decisions and actions, some closed, some open and overdue', async () => {
    // Board: Mar, Jun, Sep, Dec 2025 and Mar 2026; group: every month of 2025 and Feb 2026; subgroup: Feb, May,
    // Aug, Nov 2025 and Feb 2026. Decisions: Board 2, group 2, subgroup 1. Actions: Board 3, group 5, subgroup 1.
    expect(await seedDemoGovernance(db, actors, '2026-01-15')).toEqual({
      boards: 3,
      meetings: 23,
      decisions: 5,
      actions: 9,
    });
    const boards = await db.selectFrom('board').select(['name', 'restricted', 'quorum']).orderBy('id').execute();
    expect(boards).toEqual([
      { name: 'CSP Board (SYNTHETIC)', restricted: false, quorum: 4 },
      { name: 'Serious Violence Duty Delivery Group (SYNTHETIC)', restricted: false, quorum: 3 },
      { name: 'Exploitation Subgroup (SYNTHETIC)', restricted: true, quorum: 2 },
    ]);
    const held = await db.selectFrom('meeting').select('status').where('status', '=', 'held').execute();
    expect(held.length).toBe(20);
    const open = await meetingActionsFor(db, actors['analyst@council.demo']!.id, '2026-01-15');
    expect(open.map((a) => [a.text, a.dueOn, a.overdue])).toEqual([
      ['SYNTHETIC: refresh the strategic needs assessment profile for 2026', '2025-12-31', true],
    ]);
    const health = await meetingActionsFor(db, actors['analyst@health.demo']!.id, '2026-01-15');
    expect(health.map((a) => [a.dueOn, a.overdue])).toEqual([
      ['2025-05-31', true],
      ['2025-08-31', true],
    ]);
    const closed = await db
      .selectFrom('meeting_action_status')
      .select(['status'])
      .where('status', '<>', 'open')
      .orderBy('id')
      .execute();
    expect(closed.map((c) => c.status).sort()).toEqual(['complete', 'complete', 'complete', 'dropped']);
    const agendas = await db.selectFrom('meeting_agenda_item').select('meeting_id').distinct().execute();
    expect(agendas.length).toBe(23);
    // A second run writes nothing.
    expect(await seedDemoGovernance(db, actors, '2026-01-15')).toEqual({
      boards: 0,
      meetings: 0,
      decisions: 0,
      actions: 0,
    });
  }, 240_000);
});
