import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StandingItemSource, MemberRole } from '../../../db/tables/governance.ts';
import { addMember, addStandingItem, memberLeaves, retireStandingItem } from '../../../governance/boardStore.ts';
import { canManageBoards } from '../../../governance/governancePolicy.ts';
import { isClockTime, isIsoDate, londonToInstant } from '../../../governance/londonTime.ts';
import { createMeeting } from '../../../governance/meetingStore.ts';
import type { Actor } from '../../../auth/policy.ts';
import type { Services } from '../../../services.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { boardContext } from './boardPage.ts';
import { type Form, IdParams, ItemParams, type Problem, problemOf, readForm } from './governanceWords.ts';

/*
 * A partnership manager's changes on a board's page: members joining and leaving, standing items added and
 * retired, meetings arranged. Each posts back to the board; a problem shows the page again with the form kept.
 */

/** The instant a form's date and clock time name in London, or a problem for the field that is wrong. */
export function meetingTimes(form: Form, prefix: string): { startsAt: Date; endsAt: Date } | Problem {
  const date = form.date?.trim() ?? '';
  if (!isIsoDate(date))
    return { id: `${prefix}-date`, message: 'Enter the date as YYYY-MM-DD, for example 2025-07-01' };
  if (!isClockTime(form.startTime?.trim() ?? ''))
    return { id: `${prefix}-startTime`, message: 'Enter the start time as HH:MM, for example 18:00' };
  if (!isClockTime(form.endTime?.trim() ?? ''))
    return { id: `${prefix}-endTime`, message: 'Enter the end time as HH:MM, for example 20:00' };
  return {
    startsAt: londonToInstant(date, (form.startTime as string).trim()),
    endsAt: londonToInstant(date, (form.endTime as string).trim()),
  };
}

export function boardChangeRoutes(services: Services) {
  const db = services.db;

  /** Runs a change; on a problem the board page again (400) with what was typed, else back to the board. */
  async function change(
    reply: FastifyReply,
    actor: Actor,
    boardId: number,
    form: Form,
    prefix: string,
    run: () => Promise<unknown>,
    anchor: string,
  ) {
    try {
      await run();
    } catch (error) {
      const problem = problemOf(error, prefix, 'title');
      return showProblem(reply, actor, boardId, form, prefix, problem);
    }
    return reply.redirect(`/boards/${boardId}#${anchor}`, 303);
  }

  async function showProblem(
    reply: FastifyReply,
    actor: Actor,
    boardId: number,
    form: Form,
    prefix: string,
    p: Problem,
  ) {
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [`${prefix}-${k}`, v]));
    return reply
      .status(400)
      .view('pages/governance/board.njk', await boardContext(services, actor, boardId, [p], values));
  }

  return async function routes(app: FastifyInstance) {
    app.post('/boards/:id/members', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const { id } = parseWith(IdParams, request.params);
      const form = readForm(request.body, 500);
      const user = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', (form.email ?? '').trim().toLowerCase())
        .executeTakeFirst();
      if (!user)
        return showProblem(reply, actor, id, form, 'member', {
          id: 'member-email',
          message: form.email?.trim()
            ? `There is no user with the e-mail address ${form.email.trim()}`
            : 'Enter the member’s e-mail address',
        });
      return change(
        reply,
        actor,
        id,
        form,
        'member',
        () =>
          addMember(db, actor, id, {
            userId: user.id,
            agencyCode: form.agency ?? '',
            role: (form.role ?? '') as MemberRole,
            voting: form.voting === 'yes',
            joinedOn: (form.joinedOn ?? '').trim(),
          }),
        'members',
      );
    });

    app.post('/boards/:id/members/:itemId/leave', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const { id, itemId } = parseWith(ItemParams, request.params);
      const form = readForm(request.body, 100);
      return change(
        reply,
        actor,
        id,
        form,
        `leave-${itemId}`,
        () => memberLeaves(db, actor, itemId, (form.leftOn ?? '').trim()),
        'members',
      );
    });

    app.post('/boards/:id/standing-items', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const { id } = parseWith(IdParams, request.params);
      const form = readForm(request.body, 300);
      return change(
        reply,
        actor,
        id,
        form,
        'standing',
        () =>
          addStandingItem(db, actor, id, {
            title: form.title ?? '',
            source: (form.source ?? '') as StandingItemSource,
          }),
        'standing-items',
      );
    });

    app.post('/boards/:id/standing-items/:itemId/retire', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const { id, itemId } = parseWith(ItemParams, request.params);
      return change(
        reply,
        actor,
        id,
        {},
        'standing',
        () => retireStandingItem(db, actor, itemId, services.now()),
        'standing-items',
      );
    });

    app.post('/boards/:id/meetings', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const { id } = parseWith(IdParams, request.params);
      const form = readForm(request.body, 300);
      const times = meetingTimes(form, 'meeting');
      if ('message' in times) return showProblem(reply, actor, id, form, 'meeting', times);
      let meetingId = 0;
      try {
        meetingId = await createMeeting(db, actor, id, { ...times, location: form.location ?? '' });
      } catch (error) {
        return showProblem(reply, actor, id, form, 'meeting', problemOf(error, 'meeting', 'date'));
      }
      return reply.redirect(`/meetings/${meetingId}`, 303);
    });
  };
}
