import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listUsers } from '../../../auth/users.ts';
import { panelRole } from '../../../panels/access/caseAccess.ts';
import { addMember, canManagePanel, leaveMember, panelMembers } from '../../../panels/panel/membership.ts';
import { readPanelDefinition } from '../../../panels/panel/panelDefinition.ts';
import type { CaseWorkError } from '../../../panels/panel/panelErrors.ts';
import { panelMeetings, panelSummaries } from '../../../panels/panel/panelQueries.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { formOf, isFieldError, RowId, refusalOf } from './pageErrors.ts';

/*
 * GET /panels (every panel with its terms of reference, meetings, agencies and criteria; the reader's own marked),
 * GET /panels/:id (terms, members by agency and role, meetings; the membership and meeting forms for those who
 * manage the panel) and the membership POSTs. Panel descriptions are not case content: any signed-in person reads
 * them. Members' names are shown so partners know who sits round the table.
 */

export const PanelParams = z.object({ id: z.string().regex(/^[a-z0-9-]+$/) });
const MemberParams = PanelParams.extend({ memberId: RowId });

/** Everything the panel page shows, for a GET or a form sent back with its error. */
export async function panelPage(
  services: Services,
  request: Parameters<typeof requireActor>[0],
  id: string,
  extra: { error?: CaseWorkError; form?: Record<string, string>; banner?: string | null } = {},
) {
  const actor = requireActor(request);
  await services.panels();
  const now = services.now();
  const panel = await readPanelDefinition(services.db, id).catch(() => {
    throw notFound('Panel');
  });
  const [members, meetings, manage, role, users] = await Promise.all([
    panelMembers(services.db, id),
    panelMeetings(services.db, id),
    canManagePanel(services.db, actor, id, now),
    panelRole(services.db, actor, id, now),
    listUsers(services.db),
  ]);
  const current = members.filter((m) => m.leftOn === null);
  const agencies = [...new Set(current.map((m) => m.agency))].sort();
  return {
    title: panel.name,
    panel,
    byAgency: agencies.map((agency) => ({ agency, members: current.filter((m) => m.agency === agency) })),
    past: members.filter((m) => m.leftOn !== null),
    meetings,
    manage,
    isMember: role !== null,
    myRole: role,
    userItems: [
      { value: '', text: 'Choose a person' },
      ...users
        .filter((u) => u.role !== 'administrator' && !current.some((m) => m.userId === u.id))
        .map((u) => ({
          value: String(u.id),
          text: `${u.display_name || u.email} (${u.email}, ${u.agency_code})`,
          selected: extra.form?.userId === String(u.id),
        })),
    ],
    error: extra.error ? { field: extra.error.field, text: extra.error.text } : null,
    errorList: extra.error
      ? [{ text: extra.error.text, href: `#${extra.error.field}${extra.error.field === 'meetsOn' ? '-day' : ''}` }]
      : [],
    form: extra.form ?? {},
    banner: extra.banner ?? null,
  };
}

export function panelPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/panels', async (request, reply) => {
      const actor = requireActor(request);
      await services.panels();
      const panels = await panelSummaries(services.db, services.now(), actor.id);
      return reply.view('pages/panels/index.njk', { title: 'Panels', panels });
    });

    app.get('/panels/:id', async (request, reply) => {
      const { id } = parseWith(PanelParams, request.params);
      const q = request.query as Record<string, string | undefined>;
      const banner = q.added ? 'Member added' : q.left ? 'Leaving recorded' : q.meeting ? 'Meeting arranged' : null;
      return reply.view('pages/panels/panel.njk', await panelPage(services, request, id, { banner }));
    });

    app.post('/panels/:id/members', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(PanelParams, request.params);
      const form = formOf(request.body);
      try {
        await addMember(
          services.db,
          actor,
          id,
          { userId: form.userId || undefined, role: form.role || undefined },
          services.now(),
        );
      } catch (error) {
        if (isFieldError(error))
          return reply
            .status(400)
            .view('pages/panels/panel.njk', await panelPage(services, request, id, { error, form }));
        refusalOf(error);
      }
      return reply.redirect(`/panels/${id}?added=1#members`, 303);
    });

    app.post('/panels/:id/members/:memberId/leave', async (request, reply) => {
      const actor = requireActor(request);
      const { id, memberId } = parseWith(MemberParams, request.params);
      try {
        await leaveMember(services.db, actor, id, memberId, services.now());
      } catch (error) {
        if (isFieldError(error))
          return reply.status(400).view('pages/panels/panel.njk', await panelPage(services, request, id, { error }));
        refusalOf(error);
      }
      return reply.redirect(`/panels/${id}?left=1#members`, 303);
    });
  };
}
