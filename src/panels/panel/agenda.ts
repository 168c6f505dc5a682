import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { AgendaReason } from '../../db/tables/panels.ts';
import { panelRole } from '../access/caseAccess.ts';
import { canManagePanel } from './membership.ts';
import { CaseRefusedError, CaseWorkError } from './panelErrors.ts';

/*
 * A panel's meetings and the agenda built for each. The agenda is worked out in one INSERT … SELECT (the bench
 * builds it over 20,000 cases): the panel's open cases that are new (never heard), due for review on or before the
 * meeting, or escalated, each once, with escalation before new before review, numbered in that order. A rebuild
 * replaces the items; the meeting row keeps when it was last built.
 */

const auditActor = (a: Actor) => ({ userId: a.id, email: a.email, agency: a.agency });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A meeting of a panel on a day: a partnership manager or the panel's chair or coordinator; one a day. */
export async function createPanelMeeting(
  db: Kysely<DB>,
  actor: Actor,
  panelId: string,
  meetsOn: string,
  now: Date = new Date(),
): Promise<{ meetingId: number }> {
  if (!DAY.test(meetsOn) || Number.isNaN(Date.parse(`${meetsOn}T00:00:00Z`)))
    throw new CaseWorkError('meetsOn', 'enter the date of the meeting');
  const panel = await db.selectFrom('panel').select('id').where('id', '=', panelId).executeTakeFirst();
  if (!panel || !(await canManagePanel(db, actor, panelId, now))) throw new CaseRefusedError('panel');
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('panel_meeting')
      .select('id')
      .where('panel_id', '=', panelId)
      .where('meets_on', '=', meetsOn)
      .executeTakeFirst();
    if (clash) throw new CaseWorkError('meetsOn', `the panel already meets on ${meetsOn}`);
    const row = await trx
      .insertInto('panel_meeting')
      .values({ panel_id: panelId, meets_on: meetsOn, created_by: actor.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        action: 'panel.meeting.create',
        actor: auditActor(actor),
        subjectType: 'panel',
        subjectId: panelId,
        details: { meeting: row.id, meetsOn },
      },
      now,
    );
    return { meetingId: row.id };
  });
}

export interface AgendaCounts {
  escalation: number;
  new: number;
  review: number;
}

/**
 * (Re)builds a meeting's agenda: any current member of the panel. Returns how many items of each reason.
 * Set-based: one DELETE and one INSERT … SELECT, whatever the number of cases.
 */
export async function buildPanelAgenda(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: number,
  now: Date = new Date(),
): Promise<AgendaCounts> {
  const meeting = await db
    .selectFrom('panel_meeting')
    .select(['id', 'panel_id', 'meets_on'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting || !(await panelRole(db, actor, meeting.panel_id, now))) throw new CaseRefusedError('meeting');
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('panel_agenda_item').where('meeting_id', '=', meetingId).execute();
    await sql`
      INSERT INTO panel_agenda_item (meeting_id, case_id, reason, position)
      SELECT ${meetingId}, d.id, d.reason,
             row_number() OVER (ORDER BY d.rank, d.due, d.opened_at, d.id)
      FROM (
        SELECT c.id, c.opened_at,
               CASE WHEN c.escalated THEN 'escalation' WHEN c.first_heard_on IS NULL THEN 'new' ELSE 'review' END AS reason,
               CASE WHEN c.escalated THEN 1 WHEN c.first_heard_on IS NULL THEN 2 ELSE 3 END AS rank,
               CASE WHEN c.escalated OR c.first_heard_on IS NULL THEN NULL ELSE c.review_on END AS due
        FROM panel_case c
        WHERE c.panel_id = ${meeting.panel_id}
          AND c.status = 'open'
          AND (c.escalated OR c.first_heard_on IS NULL OR c.review_on <= ${meeting.meets_on}::date)
      ) d`.execute(trx);
    const counts = await trx
      .selectFrom('panel_agenda_item')
      .select(['reason', sql<string>`count(*)`.as('n')])
      .where('meeting_id', '=', meetingId)
      .groupBy('reason')
      .execute();
    const result: AgendaCounts = { escalation: 0, new: 0, review: 0 };
    for (const c of counts) result[c.reason] = Number(c.n);
    await trx.updateTable('panel_meeting').set({ agenda_built_at: now }).where('id', '=', meetingId).execute();
    await recordAudit(
      trx,
      {
        action: 'panel.agenda.build',
        actor: auditActor(actor),
        subjectType: 'panel_meeting',
        subjectId: meetingId,
        details: { panel: meeting.panel_id, meetsOn: meeting.meets_on, ...result },
      },
      now,
    );
    return result;
  });
}

export interface AgendaItem {
  position: number;
  reason: AgendaReason;
  caseId: number;
  caseReference: string;
  personName: string | null;
  reviewOn: string | null;
  /** The referral that opened the case repeats an earlier one (referral.repeat_of). */
  repeat: boolean;
}

/** A meeting's agenda in order (the caller has checked the reader is a member of the panel). */
export async function agendaItems(db: Kysely<DB>, meetingId: number): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('panel_agenda_item as i')
    .innerJoin('panel_case as c', 'c.id', 'i.case_id')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('referral as r', 'r.id', 'c.referral_id')
    .select([
      'i.position',
      'i.reason',
      'c.id',
      'c.reference',
      'c.review_on',
      'p.given_name',
      'p.family_name',
      'r.repeat_of',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
  return rows.map((r) => ({
    position: r.position,
    reason: r.reason,
    caseId: r.id,
    caseReference: r.reference,
    personName: r.given_name === null ? null : `${r.given_name} ${r.family_name}`,
    reviewOn: r.review_on,
    repeat: r.repeat_of !== null,
  }));
}
