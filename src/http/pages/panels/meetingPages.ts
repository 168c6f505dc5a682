import type { FastifyInstance } from 'fastify';
import { panelRole } from '../../../panels/access/caseAccess.ts';
import { agendaItems, buildPanelAgenda, createPanelMeeting } from '../../../panels/panel/agenda.ts';
import { canManagePanel } from '../../../panels/panel/membership.ts';
import { readPanelDefinition } from '../../../panels/panel/panelDefinition.ts';
import { CaseWorkError } from '../../../panels/panel/panelErrors.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { dayFromParts, formOf, isFieldError, RowId, refusalOf } from './pageErrors.ts';
import { PanelParams, panelPage } from './panelPages.ts';

/*
 * A panel's meetings: arranging one (POST /panels/:id/meetings, for those who manage the panel) and its agenda
 * (GET /panels/:id/meetings/:meetingId, for current members only: it names people), built or rebuilt by a POST.
 * The agenda lists case references and names, so a non-member gets "not found".
 */

const MeetingParams = PanelParams.extend({ meetingId: RowId });

const REASONS = { escalation: 'Escalation', new: 'New referral', review: 'Review due' } as const;

export function meetingPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.post('/panels/:id/meetings', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(PanelParams, request.params);
      const form = formOf(request.body);
      try {
        const day = dayFromParts(form, 'meetsOn');
        if (!day) throw new CaseWorkError('meetsOn', 'enter the date of the meeting, for example 14 1 2027');
        await createPanelMeeting(services.db, actor, id, day, services.now());
      } catch (error) {
        if (isFieldError(error))
          return reply
            .status(400)
            .view('pages/panels/panel.njk', await panelPage(services, request, id, { error, form }));
        refusalOf(error);
      }
      return reply.redirect(`/panels/${id}?meeting=1#meetings`, 303);
    });

    app.get('/panels/:id/meetings/:meetingId', async (request, reply) => {
      const actor = requireActor(request);
      const { id, meetingId } = parseWith(MeetingParams, request.params);
      const now = services.now();
      const meeting = await services.db
        .selectFrom('panel_meeting')
        .selectAll()
        .where('id', '=', meetingId)
        .where('panel_id', '=', id)
        .executeTakeFirst();
      if (!meeting || !(await panelRole(services.db, actor, id, now))) throw notFound('Meeting');
      const [panel, items, manage] = await Promise.all([
        readPanelDefinition(services.db, id),
        agendaItems(services.db, meetingId),
        canManagePanel(services.db, actor, id, now),
      ]);
      const built = (request.query as Record<string, string | undefined>).built === '1';
      return reply.view('pages/panels/meeting.njk', {
        title: `${panel.shortName} meeting, ${meeting.meets_on}`,
        panel,
        meeting,
        manage,
        banner: built ? `Agenda built: ${items.length} ${items.length === 1 ? 'case' : 'cases'}` : null,
        rows: items.map((i) => ({ ...i, reasonText: REASONS[i.reason] })),
      });
    });

    app.post('/panels/:id/meetings/:meetingId/agenda', async (request, reply) => {
      const actor = requireActor(request);
      const { id, meetingId } = parseWith(MeetingParams, request.params);
      const meeting = await services.db
        .selectFrom('panel_meeting')
        .select('id')
        .where('id', '=', meetingId)
        .where('panel_id', '=', id)
        .executeTakeFirst();
      if (!meeting) throw notFound('Meeting');
      await buildPanelAgenda(services.db, actor, meetingId, services.now()).catch(refusalOf);
      return reply.redirect(`/panels/${id}/meetings/${meetingId}?built=1`, 303);
    });
  };
}
