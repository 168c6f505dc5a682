import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { BoardKind, MeetingStatus, MemberRole, StandingItemSource } from '../db/tables/governance.ts';

/** A board in the tree of boards and subgroups, with its next meeting and, when none is arranged, its last. */
export interface BoardNode {
  id: number;
  name: string;
  kind: BoardKind;
  restricted: boolean;
  nextMeeting: { id: number; startsAt: Date; endsAt: Date } | null;
  lastMeeting: { id: number; startsAt: Date; endsAt: Date } | null;
  subgroups: BoardNode[];
}

/** Every board as a tree (top-level boards first, by name), each with its next and last meetings not cancelled. */
export async function boardTree(db: Kysely<DB>, now: Date): Promise<BoardNode[]> {
  const boards = await db
    .selectFrom('board')
    .select(['id', 'name', 'kind', 'restricted', 'parent_board_id'])
    .orderBy('name')
    .execute();
  const upcoming = await db
    .selectFrom('meeting')
    .select(['id', 'board_id', 'starts_at', 'ends_at'])
    .where('ends_at', '>=', now)
    .where('status', '<>', 'cancelled')
    .orderBy('starts_at')
    .execute();
  const past = await db
    .selectFrom('meeting')
    .select(['id', 'board_id', 'starts_at', 'ends_at'])
    .where('ends_at', '<', now)
    .where('status', '<>', 'cancelled')
    .orderBy('starts_at', 'desc')
    .execute();
  const times = (m: { id: number; starts_at: Date; ends_at: Date } | undefined) =>
    m ? { id: m.id, startsAt: new Date(m.starts_at), endsAt: new Date(m.ends_at) } : null;
  const nodes = new Map<number, BoardNode>();
  for (const b of boards) {
    const next = upcoming.find((m) => m.board_id === b.id);
    nodes.set(b.id, {
      id: b.id,
      name: b.name,
      kind: b.kind,
      restricted: b.restricted,
      nextMeeting: times(next),
      lastMeeting: times(past.find((m) => m.board_id === b.id)),
      subgroups: [],
    });
  }
  const roots: BoardNode[] = [];
  for (const b of boards) {
    const node = nodes.get(b.id) as BoardNode;
    const parent = b.parent_board_id === null ? undefined : nodes.get(b.parent_board_id);
    (parent ? parent.subgroups : roots).push(node);
  }
  return roots;
}

export interface BoardMemberView {
  id: number;
  userId: number;
  name: string;
  email: string;
  agencyCode: string;
  role: MemberRole;
  voting: boolean;
  joinedOn: string;
  leftOn: string | null;
}

export interface BoardDetail {
  id: number;
  name: string;
  kind: BoardKind;
  restricted: boolean;
  quorum: number;
  termsOfReference: string;
  parent: { id: number; name: string } | null;
  chair: { id: number; name: string; email: string } | null;
  members: BoardMemberView[];
  standingItems: { id: number; position: number; title: string; source: StandingItemSource }[];
  meetings: { id: number; startsAt: Date; endsAt: Date; location: string; status: MeetingStatus }[];
}

const day = (v: unknown): string => String(v).slice(0, 10);

export async function boardDetail(db: Kysely<DB>, boardId: number): Promise<BoardDetail | null> {
  const b = await db
    .selectFrom('board')
    .leftJoin('board as parent', 'parent.id', 'board.parent_board_id')
    .leftJoin('app_user as chair', 'chair.id', 'board.chair_user_id')
    .select([
      'board.id',
      'board.name',
      'board.kind',
      'board.restricted',
      'board.quorum',
      'board.terms_of_reference',
      'parent.id as parent_id',
      'parent.name as parent_name',
      'chair.id as chair_id',
      'chair.display_name as chair_name',
      'chair.email as chair_email',
    ])
    .where('board.id', '=', boardId)
    .executeTakeFirst();
  if (!b) return null;
  const members = await db
    .selectFrom('board_member')
    .innerJoin('app_user', 'app_user.id', 'board_member.user_id')
    .select([
      'board_member.id',
      'board_member.user_id',
      'app_user.display_name',
      'app_user.email',
      'board_member.agency_code',
      'board_member.member_role',
      'board_member.voting',
      'board_member.joined_on',
      'board_member.left_on',
    ])
    .where('board_member.board_id', '=', boardId)
    .orderBy('board_member.joined_on')
    .orderBy('board_member.id')
    .execute();
  const standingItems = await db
    .selectFrom('board_standing_item')
    .select(['id', 'position', 'title', 'source'])
    .where('board_id', '=', boardId)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute();
  const meetings = await db
    .selectFrom('meeting')
    .select(['id', 'starts_at', 'ends_at', 'location', 'status'])
    .where('board_id', '=', boardId)
    .orderBy('starts_at')
    .execute();
  return {
    id: b.id,
    name: b.name,
    kind: b.kind,
    restricted: b.restricted,
    quorum: b.quorum,
    termsOfReference: b.terms_of_reference,
    parent: b.parent_id !== null && b.parent_name !== null ? { id: b.parent_id, name: b.parent_name } : null,
    chair:
      b.chair_id !== null
        ? { id: b.chair_id, name: b.chair_name || (b.chair_email ?? ''), email: b.chair_email ?? '' }
        : null,
    members: members.map((m) => ({
      id: m.id,
      userId: m.user_id,
      name: m.display_name || m.email,
      email: m.email,
      agencyCode: m.agency_code,
      role: m.member_role,
      voting: m.voting,
      joinedOn: day(m.joined_on),
      leftOn: m.left_on === null ? null : day(m.left_on),
    })),
    standingItems,
    meetings: meetings.map((m) => ({
      id: m.id,
      startsAt: new Date(m.starts_at),
      endsAt: new Date(m.ends_at),
      location: m.location,
      status: m.status,
    })),
  };
}

/** Members current on `date` ('YYYY-MM-DD'). */
export const membersOn = (members: readonly BoardMemberView[], date: string): BoardMemberView[] =>
  members.filter((m) => m.joinedOn <= date && (m.leftOn === null || m.leftOn >= date));
