import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { BoardKind, MemberRole, StandingItemSource } from '../db/tables/governance.ts';
import { invalid, missing, refuse } from './governanceError.ts';
import { recordGovernanceAudit } from './governanceAudit.ts';
import { canManageBoards } from './governancePolicy.ts';
import { isIsoDate } from './londonTime.ts';

/*
 * Boards, their members and standing items: a partnership manager's changes, each one transaction with its audit
 * entry. Members leave by a date, never by deletion, so a past meeting's quoracy can still be worked out.
 */

export const MEMBER_ROLES: readonly MemberRole[] = ['chair', 'vice-chair', 'member', 'adviser', 'secretariat'];
export const STANDING_SOURCES: readonly StandingItemSource[] = [
  'fixed',
  'performance-exceptions',
  'plan-items-at-risk',
  'actions-arising',
  'register-summary',
];

export interface BoardInput {
  name: string;
  kind: BoardKind;
  parentBoardId: number | null;
  termsOfReference: string;
  chairUserId: number | null;
  quorum: number;
  restricted: boolean;
}

const mustManage = (actor: Actor) => {
  if (!canManageBoards(actor)) throw refuse('only a partnership manager can arrange boards and meetings');
};

function checkBoard(input: BoardInput): BoardInput {
  const name = input.name.trim();
  if (name === '') throw invalid('Enter the board’s name', 'name');
  if (name.length > 200) throw invalid('The name must be 200 characters or fewer', 'name');
  if (input.kind !== 'board' && input.kind !== 'subgroup') throw invalid('Choose board or subgroup', 'kind');
  if (!Number.isInteger(input.quorum) || input.quorum < 1 || input.quorum > 100)
    throw invalid('Enter the quorum as a whole number of agencies, 1 or more', 'quorum');
  return { ...input, name, termsOfReference: input.termsOfReference.trim() };
}

/** Refuses a parent that is the board itself or sits below it (board A under B under A). */
async function checkParent(trx: Kysely<DB>, boardId: number | null, parentId: number | null, name: string) {
  if (parentId === null) return;
  const seen = new Set<number>();
  let at: number | null = parentId;
  while (at !== null && !seen.has(at)) {
    if (at === boardId) throw invalid(`${name} cannot sit under itself or under one of its own subgroups`, 'parent');
    seen.add(at);
    const row: { parent_board_id: number | null } | undefined = await trx
      .selectFrom('board')
      .select('parent_board_id')
      .where('id', '=', at)
      .executeTakeFirst();
    if (!row) throw invalid(`there is no board ${at} to sit under`, 'parent');
    at = row.parent_board_id;
  }
}

async function checkNameFree(trx: Kysely<DB>, name: string, boardId: number | null) {
  const clash = await trx.selectFrom('board').select('id').where('name', '=', name).executeTakeFirst();
  if (clash && clash.id !== boardId) throw invalid(`A board called ${name} already exists`, 'name');
}

async function checkUser(trx: Kysely<DB>, userId: number | null, field: string) {
  if (userId === null) return;
  const user = await trx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw invalid(`there is no user ${userId}`, field);
}

const columns = (b: BoardInput) => ({
  name: b.name,
  kind: b.kind,
  parent_board_id: b.parentBoardId,
  terms_of_reference: b.termsOfReference,
  chair_user_id: b.chairUserId,
  quorum: b.quorum,
  restricted: b.restricted,
});

export async function createBoard(db: Kysely<DB>, actor: Actor, input: BoardInput): Promise<number> {
  mustManage(actor);
  const board = checkBoard(input);
  return db.transaction().execute(async (trx) => {
    await checkNameFree(trx, board.name, null);
    await checkParent(trx, null, board.parentBoardId, board.name);
    await checkUser(trx, board.chairUserId, 'chair');
    const { id } = await trx
      .insertInto('board')
      .values({ ...columns(board), created_by: actor.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordGovernanceAudit(trx, actor, 'board.create', { type: 'board', id }, { after: board });
    return id;
  });
}

export async function updateBoard(db: Kysely<DB>, actor: Actor, boardId: number, input: BoardInput): Promise<void> {
  mustManage(actor);
  const board = checkBoard(input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('board').selectAll().where('id', '=', boardId).executeTakeFirst();
    if (!before) throw missing(`there is no board ${boardId}`);
    await checkNameFree(trx, board.name, boardId);
    await checkParent(trx, boardId, board.parentBoardId, board.name);
    await checkUser(trx, board.chairUserId, 'chair');
    await trx.updateTable('board').set(columns(board)).where('id', '=', boardId).execute();
    await recordGovernanceAudit(trx, actor, 'board.update', { type: 'board', id: boardId }, { before, after: board });
  });
}

export interface MemberInput {
  userId: number;
  agencyCode: string;
  role: MemberRole;
  voting: boolean;
  joinedOn: string;
}

export async function addMember(db: Kysely<DB>, actor: Actor, boardId: number, m: MemberInput): Promise<number> {
  mustManage(actor);
  if (!MEMBER_ROLES.includes(m.role)) throw invalid(`Choose a role: ${MEMBER_ROLES.join(', ')}`, 'role');
  if (!isIsoDate(m.joinedOn)) throw invalid('Enter the date they joined as YYYY-MM-DD', 'joinedOn');
  return db.transaction().execute(async (trx) => {
    const board = await trx.selectFrom('board').select('id').where('id', '=', boardId).executeTakeFirst();
    if (!board) throw missing(`there is no board ${boardId}`);
    await checkUser(trx, m.userId, 'email');
    const agency = await trx.selectFrom('agency').select('code').where('code', '=', m.agencyCode).executeTakeFirst();
    if (!agency) throw invalid(`there is no agency "${m.agencyCode}"`, 'agency');
    const { id } = await trx
      .insertInto('board_member')
      .values({
        board_id: boardId,
        user_id: m.userId,
        agency_code: m.agencyCode,
        member_role: m.role,
        voting: m.voting,
        joined_on: m.joinedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordGovernanceAudit(trx, actor, 'board.member.add', { type: 'board', id: boardId }, { memberId: id, ...m });
    return id;
  });
}

export async function memberLeaves(db: Kysely<DB>, actor: Actor, memberId: number, leftOn: string): Promise<void> {
  mustManage(actor);
  if (!isIsoDate(leftOn)) throw invalid('Enter the date they left as YYYY-MM-DD', 'leftOn');
  await db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('board_member').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!m) throw missing(`there is no board member ${memberId}`);
    if (m.left_on !== null) throw invalid(`they already left on ${m.left_on}`, 'leftOn');
    if (leftOn < m.joined_on) throw invalid(`they joined on ${m.joined_on}: they cannot leave before`, 'leftOn');
    await trx.updateTable('board_member').set({ left_on: leftOn }).where('id', '=', memberId).execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'board.member.leave',
      { type: 'board', id: m.board_id },
      { memberId, userId: m.user_id, leftOn },
    );
  });
}

/** Adds a standing item at the end of the board's agenda (audited as a change of the board). */
export async function addStandingItem(
  db: Kysely<DB>,
  actor: Actor,
  boardId: number,
  item: { title: string; source: StandingItemSource },
): Promise<number> {
  mustManage(actor);
  const title = item.title.trim();
  if (title === '') throw invalid('Enter the item’s title', 'title');
  if (!STANDING_SOURCES.includes(item.source)) throw invalid('Choose what the item shows', 'source');
  return db.transaction().execute(async (trx) => {
    const board = await trx.selectFrom('board').select('id').where('id', '=', boardId).executeTakeFirst();
    if (!board) throw missing(`there is no board ${boardId}`);
    const last = await trx
      .selectFrom('board_standing_item')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('board_id', '=', boardId)
      .executeTakeFirst();
    const position = Number(last?.p ?? 0) + 1;
    const { id } = await trx
      .insertInto('board_standing_item')
      .values({ board_id: boardId, position, title, source: item.source })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordGovernanceAudit(
      trx,
      actor,
      'board.update',
      { type: 'board', id: boardId },
      { standingItemAdded: { id, position, title, source: item.source } },
    );
    return id;
  });
}

/** Retires a standing item: later agendas leave it out; agendas already built keep it. */
export async function retireStandingItem(db: Kysely<DB>, actor: Actor, itemId: number, now: Date): Promise<void> {
  mustManage(actor);
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('board_standing_item').selectAll().where('id', '=', itemId).executeTakeFirst();
    if (!item || item.retired_at !== null) throw missing(`there is no current standing item ${itemId}`);
    await trx.updateTable('board_standing_item').set({ retired_at: now }).where('id', '=', itemId).execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'board.update',
      { type: 'board', id: item.board_id },
      { standingItemRetired: { id: itemId, title: item.title } },
    );
  });
}
