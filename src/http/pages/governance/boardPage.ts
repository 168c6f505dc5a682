import type { Actor } from '../../../auth/policy.ts';
import { type BoardNode, boardDetail, boardTree, membersOn } from '../../../governance/boardQueries.ts';
import { canManageBoards } from '../../../governance/governancePolicy.ts';
import { describeMeetingTime, londonDate } from '../../../governance/londonTime.ts';
import { STANDING_SOURCES } from '../../../governance/boardStore.ts';
import { MEMBER_ROLES } from '../../../governance/boardStore.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import {
  agencyItems,
  agencyName,
  choices,
  type Form,
  formErrors,
  MEETING_STATUS_TAG,
  type Problem,
  ROLE_WORDS,
  SOURCE_WORDS,
} from './governanceWords.ts';

/* What the board pages show: the tree of boards, and one board with its members, standing items and meetings. */

interface TreeView {
  id: number;
  name: string;
  kind: string;
  restricted: boolean;
  next: { id: number; when: string } | null;
  last: { id: number; when: string } | null;
  subgroups: TreeView[];
}

const treeView = (n: BoardNode): TreeView => ({
  id: n.id,
  name: n.name,
  kind: n.kind === 'board' ? 'Board' : 'Subgroup',
  restricted: n.restricted,
  next: n.nextMeeting
    ? { id: n.nextMeeting.id, when: describeMeetingTime(n.nextMeeting.startsAt, n.nextMeeting.endsAt) }
    : null,
  last: n.lastMeeting
    ? { id: n.lastMeeting.id, when: describeMeetingTime(n.lastMeeting.startsAt, n.lastMeeting.endsAt) }
    : null,
  subgroups: n.subgroups.map(treeView),
});

export async function boardsContext(services: Services, actor: Actor) {
  return {
    title: 'Boards and meetings',
    tree: (await boardTree(services.db, services.now())).map(treeView),
    mayManage: canManageBoards(actor),
  };
}

export async function boardContext(
  services: Services,
  actor: Actor,
  boardId: number,
  problems: readonly Problem[] = [],
  values: Form = {},
) {
  const board = await boardDetail(services.db, boardId);
  if (board === null) throw notFound('Board');
  const now = services.now();
  const today = londonDate(now);
  const current = membersOn(board.members, today);
  const meetings = board.meetings.map((m) => ({
    id: m.id,
    when: describeMeetingTime(m.startsAt, m.endsAt),
    location: m.location,
    tag: MEETING_STATUS_TAG[m.status],
    upcoming: m.endsAt >= now,
  }));
  return {
    title: board.name,
    board,
    chairName: board.chair ? board.chair.name : 'Not appointed',
    termsParagraphs: board.termsOfReference.split(/\n\s*\n/).filter((p) => p.trim() !== ''),
    members: board.members.map((m) => ({
      ...m,
      agency: agencyName(m.agencyCode),
      roleWords: ROLE_WORDS[m.role],
      current: current.includes(m),
    })),
    standingItems: board.standingItems.map((s) => ({ ...s, sourceWords: SOURCE_WORDS[s.source] })),
    upcoming: meetings.filter((m) => m.upcoming),
    past: meetings.filter((m) => !m.upcoming).reverse(),
    mayManage: canManageBoards(actor),
    today,
    values,
    ...formErrors(problems),
    agencyItems: agencyItems(values['member-agency']),
    roleItems: choices(
      MEMBER_ROLES.map((r) => [r, ROLE_WORDS[r]] as const),
      values['member-role'] ?? 'member',
    ),
    sourceItems: choices(
      STANDING_SOURCES.map((s) => [s, SOURCE_WORDS[s]] as const),
      values['standing-source'] ?? 'fixed',
    ),
  };
}
