import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PanelRole } from '../../db/tables/panels.ts';
import { PanelDefinition } from '../panelSchema.ts';
import { dayOf } from './panelErrors.ts';

/*
 * The panels as lists: each with its definition, how many people sit on it today and how many cases it has open.
 * Counts of open cases are numbers, not cases, so they are shown to anyone who may see the panel list.
 */

export interface PanelSummary {
  definition: PanelDefinition;
  members: number;
  openCases: number;
  /** The reader's role on it today, or null. */
  myRole: PanelRole | null;
}

export async function panelSummaries(db: Kysely<DB>, now: Date, userId: number | null): Promise<PanelSummary[]> {
  const day = dayOf(now);
  const rows = await db
    .selectFrom('panel as p')
    .select((eb) => [
      'p.definition',
      eb
        .selectFrom('panel_member as m')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('m.panel_id', '=', 'p.id')
        .where('m.joined_on', '<=', day)
        .where((w) => w.or([w('m.left_on', 'is', null), w('m.left_on', '>', day)]))
        .as('members'),
      eb
        .selectFrom('panel_case as c')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('c.panel_id', '=', 'p.id')
        .where('c.status', '=', 'open')
        .as('open_cases'),
      eb
        .selectFrom('panel_member as me')
        .select('me.role')
        .whereRef('me.panel_id', '=', 'p.id')
        .where('me.user_id', '=', userId ?? -1)
        .where('me.joined_on', '<=', day)
        .where((w) => w.or([w('me.left_on', 'is', null), w('me.left_on', '>', day)]))
        .limit(1)
        .as('my_role'),
    ])
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    definition: PanelDefinition.parse(typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition),
    members: Number(r.members ?? 0),
    openCases: Number(r.open_cases ?? 0),
    myRole: (r.my_role as PanelRole | null) ?? null,
  }));
}

export interface MeetingRow {
  id: number;
  meetsOn: string;
  agendaBuiltAt: Date | null;
  items: number;
}

/** A panel's meetings, newest first, with how many cases each agenda holds. */
export async function panelMeetings(db: Kysely<DB>, panelId: string): Promise<MeetingRow[]> {
  const rows = await db
    .selectFrom('panel_meeting as mt')
    .select((eb) => [
      'mt.id',
      'mt.meets_on',
      'mt.agenda_built_at',
      eb
        .selectFrom('panel_agenda_item as i')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('i.meeting_id', '=', 'mt.id')
        .as('items'),
    ])
    .where('mt.panel_id', '=', panelId)
    .orderBy('mt.meets_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meetsOn: r.meets_on,
    agendaBuiltAt: r.agenda_built_at,
    items: Number(r.items ?? 0),
  }));
}
