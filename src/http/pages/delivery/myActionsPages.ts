import type { FastifyInstance } from 'fastify';
import { meetingActionsFor } from '../../../governance/myMeetingActions.ts';
import { myPlanActions } from '../../../delivery/myActions.ts';
import { overdueItems } from '../../../delivery/overdue.ts';
import { isPlanManager } from '../../../delivery/planPolicy.ts';
import type { Services } from '../../../services.ts';
import { cachedPage, pageView } from '../dashboard/cachedPage.ts';
import { personalPageKey } from './personalPageKey.ts';
import { HttpError } from '../../errors.ts';
import { requireActor } from '../../guards.ts';
import { agencyWords, firstLines, requirePlanRule, statusTag, today } from './deliveryWords.ts';

const rowView = <T extends { wording: string; status: Parameters<typeof statusTag>[0] }>(r: T) => ({
  ...r,
  summary: firstLines(r.wording, 160),
  tag: statusTag(r.status),
});

/** "My actions" for every person who reads plans, and the partnership manager's overdue list. */
export function myActionsPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    // Cached per person until a change to plans, meetings or lineage, or the next day (personalPageKey).
    app.get(
      '/my-actions',
      cachedPage(
        services,
        async (request) => {
          const actor = requireActor(request);
          requirePlanRule(actor, 'read');
          const day = today(services.now());
          const [plan, meetings] = await Promise.all([
            myPlanActions(services.db, actor, day),
            meetingActionsFor(services.db, actor.id, day),
          ]);
          return pageView('pages/delivery/my-actions.njk', {
            title: 'My actions',
            today: day,
            manager: isPlanManager(actor),
            agencyText: agencyWords(actor.agency),
            owned: plan.owned.map(rowView),
            updatesDue: plan.updatesDue.map(rowView),
            meetings,
          });
        },
        { alsoDependsOn: personalPageKey(services) },
      ),
    );

    app.get('/plans/overdue', async (request, reply) => {
      const actor = requireActor(request);
      requirePlanRule(actor, 'read');
      if (!isPlanManager(actor))
        throw new HttpError(
          403,
          'FORBIDDEN',
          'Only partnership managers see the overdue list: see My actions for yours',
        );
      const day = today(services.now());
      const groups = await overdueItems(services.db, day);
      return reply.view('pages/delivery/overdue.njk', {
        title: 'Overdue actions',
        today: day,
        groups: groups.map((g) => ({
          agencyText: g.agency ? agencyWords(g.agency) : 'No owner agency',
          items: g.items.map(rowView),
        })),
        total: groups.reduce((n, g) => n + g.items.length, 0),
      });
    });
  };
}
