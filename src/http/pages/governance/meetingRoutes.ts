import type { FastifyInstance } from 'fastify';
import { storedAgenda } from '../../../governance/agenda.ts';
import { boardDetail, membersOn } from '../../../governance/boardQueries.ts';
import { canReadBoardContent, canSeeGovernance, seatOn } from '../../../governance/governancePolicy.ts';
import { londonDate } from '../../../governance/londonTime.ts';
import { meetingWithBoard } from '../../../governance/meetingAccess.ts';
import { meetingIcs } from '../../../governance/meetingIcs.ts';
import type { Services } from '../../../services.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { IdParams } from './governanceWords.ts';
import { meetingContext } from './meetingPage.ts';

/** A meeting's page, and its calendar invitation. */
export function meetingRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/meetings/:id', async (request, reply) => {
      const actor = requireActor(request);
      allow(canSeeGovernance(actor));
      const { id } = parseWith(IdParams, request.params);
      return reply.view('pages/governance/meeting.njk', await meetingContext(services, actor, id));
    });

    app.get('/meetings/:id.ics', async (request, reply) => {
      const actor = requireActor(request);
      allow(canSeeGovernance(actor));
      const { id } = parseWith(IdParams, request.params);
      const db = services.db;
      const meeting = await meetingWithBoard(db, id);
      const now = services.now();
      const board = await boardDetail(db, meeting.boardId);
      const readable = canReadBoardContent(
        actor,
        meeting.restricted,
        await seatOn(db, meeting.boardId, actor.id, londonDate(now)),
      );
      const text = meetingIcs({
        id,
        boardName: meeting.boardName,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        location: meeting.location,
        cancelled: meeting.status === 'cancelled',
        sequence: meeting.icsSequence,
        // A restricted board's agenda is for its members; the invitation says only when and where.
        agenda: readable ? (await storedAgenda(db, id)).map((i) => i.title) : [],
        organizer: board?.chair ? { name: board.chair.name, email: board.chair.email } : null,
        attendees: membersOn(board?.members ?? [], meeting.date).map((m) => ({ name: m.name, email: m.email })),
        stampedAt: now,
      });
      return reply
        .header('Content-Disposition', `attachment; filename="meeting-${id}.ics"`)
        .type(`text/calendar; charset=utf-8; method=${meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST'}`)
        .send(text);
    });
  };
}
