import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { addMember, createBoard } from '../boardStore.ts';
import { createMeeting } from '../meetingStore.ts';
import { londonToInstant } from '../londonTime.ts';

/* Test accounts (@test.invalid) and a board with a chair, a secretariat, a member and a viewer on it. */

export const PEOPLE = {
  manager: ['manager@council.test.invalid', 'local_authority', 'partnership_manager'],
  chair: ['chair@police.test.invalid', 'police', 'data_owner'],
  secretary: ['secretary@council.test.invalid', 'local_authority', 'analyst'],
  member: ['member@health.test.invalid', 'health', 'analyst'],
  viewer: ['viewer@probation.test.invalid', 'probation', 'viewer'],
  outsider: ['outsider@fire.test.invalid', 'fire', 'analyst'],
} as const satisfies Record<string, readonly [string, string, Role]>;

export type Person = keyof typeof PEOPLE;
export type People = Record<Person, Actor>;

export async function addPeople(db: Kysely<DB>): Promise<People> {
  const out: Partial<People> = {};
  for (const [key, [email, agency, role]] of Object.entries(PEOPLE) as [Person, readonly [string, string, Role]][]) {
    const row = await db
      .insertInto('app_user')
      .values({ email, agency_code: agency, role, display_name: `${key} (test)` })
      .returning('id')
      .executeTakeFirstOrThrow();
    out[key] = { id: row.id, email, agency, role };
  }
  return out as People;
}

/** A board (quorum 3) whose chair, secretariat, member and viewer (a voting chair's deputy) joined on 2024-01-01. */
export async function boardWithMembers(
  db: Kysely<DB>,
  p: People,
  board: { name: string; restricted?: boolean; parentBoardId?: number | null },
): Promise<number> {
  const id = await createBoard(db, p.manager, {
    name: board.name,
    kind: board.parentBoardId ? 'subgroup' : 'board',
    parentBoardId: board.parentBoardId ?? null,
    termsOfReference: 'SYNTHETIC test terms of reference.',
    chairUserId: p.chair.id,
    quorum: 3,
    restricted: board.restricted ?? false,
  });
  const seats = [
    [p.chair, 'chair'],
    [p.secretary, 'secretariat'],
    [p.member, 'member'],
    [p.viewer, 'vice-chair'],
  ] as const;
  for (const [person, role] of seats)
    await addMember(db, p.manager, id, {
      userId: person.id,
      agencyCode: person.agency,
      role,
      voting: role !== 'secretariat',
      joinedOn: '2024-01-01',
    });
  return id;
}

/** A two-hour meeting from 18:00 London time on `date`. */
export const meetingOn = (db: Kysely<DB>, p: People, boardId: number, date: string, location = 'Town Hall') =>
  createMeeting(db, p.manager, boardId, {
    startsAt: londonToInstant(date, '18:00'),
    endsAt: londonToInstant(date, '20:00'),
    location,
  });

const COUNTED = [
  'board',
  'board_member',
  'board_standing_item',
  'meeting',
  'meeting_agenda_item',
  'meeting_attendance',
  'meeting_minutes',
  'decision',
  'meeting_action',
  'meeting_action_status',
  'audit_log',
] as const;

export async function governanceCounts(db: Kysely<DB>): Promise<Record<(typeof COUNTED)[number], number>> {
  const out = {} as Record<(typeof COUNTED)[number], number>;
  for (const table of COUNTED) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
