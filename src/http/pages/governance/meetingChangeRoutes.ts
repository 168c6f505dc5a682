import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import type { Attendance, MeetingStatus } from '../../../db/tables/governance.ts';
import { addAction, setActionStatus } from '../../../governance/actionStore.ts';
import { buildAgenda } from '../../../governance/agenda.ts';
import { attachPaper } from '../../../governance/agendaPapers.ts';
import { boardDetail, membersOn } from '../../../governance/boardQueries.ts';
import { londonDate } from '../../../governance/londonTime.ts';
import { meetingWithBoard } from '../../../governance/meetingAccess.ts';
import {
  type AttendanceEntry,
  recordAttendance,
  recordDecision,
  recordMinutes,
  rescheduleMeeting,
} from '../../../governance/meetingStore.ts';
import type { Services } from '../../../services.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { canSeeGovernance } from '../../../governance/governancePolicy.ts';
import { meetingTimes } from './boardChangeRoutes.ts';
import { type Form, IdParams, type Problem, problemOf, readForm } from './governanceWords.ts';
import { meetingContext } from './meetingPage.ts';

/*
 * The changes made on a meeting's page. The stores decide who may (a refusal is a 403 with their words); a
 * problem with what was typed shows the page again with the form as typed and the error beside its field.
 */

const ATTENDANCE: readonly string[] = ['present', 'apologies', 'absent'];

export function meetingChangeRoutes(services: Services) {
  const db = services.db;
  const today = () => londonDate(services.now());

  async function showProblem(
    reply: FastifyReply,
    actor: Actor,
    meetingId: number,
    form: Form,
    prefix: string,
    p: Problem,
  ) {
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [`${prefix}-${k}`, v]));
    return reply
      .status(400)
      .view('pages/governance/meeting.njk', await meetingContext(services, actor, meetingId, [p], values));
  }

  async function change(
    reply: FastifyReply,
    actor: Actor,
    meetingId: number,
    form: Form,
    prefix: string,
    fallbackField: string,
    run: () => Promise<unknown>,
    anchor: string,
  ) {
    try {
      await run();
    } catch (error) {
      return showProblem(reply, actor, meetingId, form, prefix, problemOf(error, prefix, fallbackField));
    }
    return reply.redirect(`/meetings/${meetingId}#${anchor}`, 303);
  }

  /** The attendance form: one choice per member on the day, and perhaps a substitute named by e-mail. */
  async function attendanceEntries(meetingId: number, form: Form): Promise<AttendanceEntry[] | Problem> {
    const meeting = await meetingWithBoard(db, meetingId);
    const members = membersOn((await boardDetail(db, meeting.boardId))?.members ?? [], meeting.date);
    const entries: AttendanceEntry[] = [];
    for (const m of members) {
      const said = form[`member-${m.userId}`] ?? '';
      if (ATTENDANCE.includes(said) && !entries.some((e) => e.userId === m.userId))
        entries.push({ userId: m.userId, agencyCode: m.agencyCode, attendance: said as Attendance });
    }
    const email = form.substituteEmail?.trim().toLowerCase() ?? '';
    if (email !== '') {
      const user = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
      if (!user)
        return { id: 'attendance-substituteEmail', message: `There is no user with the e-mail address ${email}` };
      if (!form.substituteAgency)
        return { id: 'attendance-substituteAgency', message: 'Choose the agency the substitute stands in for' };
      if (entries.some((e) => e.userId === user.id))
        return { id: 'attendance-substituteEmail', message: 'The substitute is already recorded as a member' };
      entries.push({ userId: user.id, agencyCode: form.substituteAgency, attendance: 'substitute' });
    }
    // Substitutes recorded before stay unless this form names them again as something else.
    const earlier = await db
      .selectFrom('meeting_attendance')
      .select(['user_id', 'agency_code'])
      .where('meeting_id', '=', meetingId)
      .where('attendance', '=', 'substitute')
      .execute();
    for (const s of earlier)
      if (form[`keep-${s.user_id}`] === 'yes' && !entries.some((e) => e.userId === s.user_id))
        entries.push({ userId: s.user_id, agencyCode: s.agency_code, attendance: 'substitute' });
    return entries;
  }

  return async function routes(app: FastifyInstance) {
    const post = (
      url: string,
      handler: (actor: Actor, id: number, form: Form, reply: FastifyReply) => Promise<unknown>,
    ) =>
      app.post(url, async (request, reply) => {
        const actor = requireActor(request);
        allow(canSeeGovernance(actor));
        const { id } = parseWith(IdParams, request.params);
        return handler(actor, id, readForm(request.body), reply);
      });

    post('/meetings/:id/reschedule', async (actor, id, form, reply) => {
      const times = meetingTimes(form, 'reschedule');
      if ('message' in times) return showProblem(reply, actor, id, form, 'reschedule', times);
      return change(
        reply,
        actor,
        id,
        form,
        'reschedule',
        'date',
        () =>
          rescheduleMeeting(db, actor, id, {
            ...times,
            location: form.location ?? '',
            status: (form.status ?? '') as MeetingStatus,
          }),
        'details',
      );
    });

    post('/meetings/:id/agenda', async (actor, id, form, reply) =>
      change(reply, actor, id, form, 'agenda', 'build', () => buildAgenda(db, actor, id, today()), 'agenda'),
    );

    post('/meetings/:id/agenda/paper', async (actor, id, form, reply) => {
      const position = /^[1-9]\d{0,3}$/.test(form.position ?? '') ? Number(form.position) : 0;
      return change(
        reply,
        actor,
        id,
        form,
        `paper-${position}`,
        'paperUrl',
        () => attachPaper(db, actor, id, position, form.paperUrl ?? ''),
        `agenda-item-${position}`,
      );
    });

    post('/meetings/:id/attendance', async (actor, id, form, reply) => {
      const entries = await attendanceEntries(id, form);
      if ('message' in entries) return showProblem(reply, actor, id, form, 'attendance', entries);
      return change(
        reply,
        actor,
        id,
        form,
        'attendance',
        'substituteEmail',
        () => recordAttendance(db, actor, id, entries),
        'attendance',
      );
    });

    post('/meetings/:id/minutes', async (actor, id, form, reply) =>
      change(reply, actor, id, form, 'minutes', 'body', () => recordMinutes(db, actor, id, form.body ?? ''), 'minutes'),
    );

    post('/meetings/:id/decisions', async (actor, id, form, reply) =>
      change(
        reply,
        actor,
        id,
        form,
        'decision',
        'text',
        () =>
          recordDecision(db, actor, id, {
            number: (form.number ?? '').slice(0, 20),
            text: form.text ?? '',
            supersedesDecisionId: form.supersedes ? Number(form.supersedes) : null,
          }),
        'decisions',
      ),
    );

    post('/meetings/:id/actions', async (actor, id, form, reply) => {
      if (!/^\d+$/.test(form.owner ?? ''))
        return showProblem(reply, actor, id, form, 'action', {
          id: 'action-owner',
          message: 'Choose who owns the action',
        });
      return change(
        reply,
        actor,
        id,
        form,
        'action',
        'text',
        () =>
          addAction(db, actor, id, {
            text: form.text ?? '',
            ownerUserId: Number(form.owner),
            ownerAgency: null,
            dueOn: form.dueOn?.trim() ? form.dueOn.trim() : null,
            decisionId: form.decision ? Number(form.decision) : null,
          }),
        'actions',
      );
    });

    // The status form sits on the meeting's page, so it posts to the meeting with the action's id.
    post('/meetings/:id/actions/status', async (actor, id, form, reply) => {
      const actionId = Number(form.actionId);
      const prefix = `status-${actionId}`;
      return change(
        reply,
        actor,
        id,
        form,
        prefix,
        'reason',
        () =>
          setActionStatus(
            db,
            actor,
            actionId,
            { status: form.status ?? '', reason: form.reason ?? '', meetingId: id },
            today(),
          ),
        'actions',
      );
    });
  };
}
