import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { StandingItemSource } from '../db/tables/governance.ts';
import { type AgendaEntry, agendaContent } from './agendaContent.ts';
import { refuse } from './governanceError.ts';
import { recordGovernanceAudit } from './governanceAudit.ts';
import { canManageBoards, minutingRefusal, seatOn } from './governancePolicy.ts';
import { meetingWithBoard } from './meetingAccess.ts';

/*
 * A meeting's agenda, built from its board's current standing items in their order, each with a snapshot of what
 * it showed. Rebuilding replaces the agenda (the table is the current agenda, not a history; the audit log keeps
 * each build). A partnership manager or whoever minutes the board may build it.
 */

export interface AgendaItem {
  position: number;
  title: string;
  source: string;
  standingItemId: number | null;
  content: AgendaEntry[];
  /** A link to the paper for this item (https), attached by whoever builds the agenda; kept when it is rebuilt. */
  paperUrl?: string | null;
}

/** What the agenda would be if built now (no writing). */
export async function draftAgenda(db: Kysely<DB>, meetingId: number, today: string): Promise<AgendaItem[]> {
  const meeting = await meetingWithBoard(db, meetingId);
  const standing = await db
    .selectFrom('board_standing_item')
    .select(['id', 'title', 'source'])
    .where('board_id', '=', meeting.boardId)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute();
  const items: AgendaItem[] = [];
  for (const [i, s] of standing.entries())
    items.push({
      position: i + 1,
      title: s.title,
      source: s.source,
      standingItemId: s.id,
      content: await agendaContent(db, s.source as StandingItemSource, meeting, today),
    });
  return items;
}

/** A partnership manager, or whoever minutes the board, keeps its agendas; anyone else is refused. */
export async function refuseUnlessAgendaKeeper(trx: Kysely<DB>, actor: Actor, meetingId: number): Promise<void> {
  const meeting = await meetingWithBoard(trx, meetingId);
  if (canManageBoards(actor)) return;
  const refusal = minutingRefusal(actor, meeting.boardName, await seatOn(trx, meeting.boardId, actor.id, meeting.date));
  if (refusal !== null) throw refuse(refusal.replace('minute its meetings', 'build its agendas'));
}

/** Builds (or rebuilds) the meeting's agenda from the standing items; returns what was written. */
export async function buildAgenda(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: number,
  today: string,
): Promise<AgendaItem[]> {
  return db.transaction().execute(async (trx) => {
    await refuseUnlessAgendaKeeper(trx, actor, meetingId);
    const items = await draftAgenda(trx, meetingId, today);
    // Papers attached to a standing item's entry stay with it when the agenda is rebuilt.
    const papers = new Map(
      (
        await trx
          .selectFrom('meeting_agenda_item')
          .select(['standing_item_id', 'paper_url'])
          .where('meeting_id', '=', meetingId)
          .where('paper_url', 'is not', null)
          .execute()
      ).map((r) => [r.standing_item_id, r.paper_url]),
    );
    await trx.deleteFrom('meeting_agenda_item').where('meeting_id', '=', meetingId).execute();
    if (items.length > 0)
      await trx
        .insertInto('meeting_agenda_item')
        .values(
          items.map((item) => ({
            meeting_id: meetingId,
            position: item.position,
            title: item.title,
            source: item.source,
            standing_item_id: item.standingItemId,
            content: JSON.stringify(item.content),
            paper_url: papers.get(item.standingItemId) ?? null,
          })),
        )
        .execute();
    await recordGovernanceAudit(
      trx,
      actor,
      'meeting.agenda.build',
      { type: 'meeting', id: meetingId },
      { items: items.map((i) => ({ title: i.title, source: i.source, entries: i.content.length })) },
    );
    return items.map((item) => ({ ...item, paperUrl: papers.get(item.standingItemId) ?? null }));
  });
}

/** The meeting's agenda as built, in order. */
export async function storedAgenda(db: Kysely<DB>, meetingId: number): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('meeting_agenda_item')
    .select(['position', 'title', 'source', 'standing_item_id', 'content', 'paper_url'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    position: r.position,
    title: r.title,
    source: r.source,
    standingItemId: r.standing_item_id,
    content: (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as AgendaEntry[],
    paperUrl: r.paper_url,
  }));
}
