import type { FastifyInstance } from 'fastify';
import { panelsOf } from '../../../panels/access/caseAccess.ts';
import { myReferrals, triageQueue } from '../../../panels/referrals/referralQueries.ts';
import { isOverdue } from '../../../panels/referrals/referralTimes.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';
import { statusText } from './referralWords.ts';

/*
 * "Referrals": the referrals I made, with where they are; and for each panel I sit on (the MASH included) its
 * triage queue, oldest first, with the due time and an "Overdue" tag once it has passed.
 */

type Row = Awaited<ReturnType<typeof myReferrals>>[number];

export function referralListPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/referrals', async (request, reply) => {
      const actor = requireActor(request);
      const now = services.now();
      const panels = await services.panels();
      const short = (id: string) => panels.get(id)?.shortName ?? id;
      const shape = (r: Row) => ({
        id: r.id,
        reference: r.reference,
        name: r.given_name === null ? 'Removed (retention)' : `${r.given_name} ${r.family_name}`,
        panel: short(r.panel_id),
        sent: r.created_at,
        due: r.triage_due_at,
        status: statusText(r.status, r.triage_decision, short),
        repeat: r.repeat_of !== null,
        overdue: isOverdue(r, now),
      });
      const mine = (await myReferrals(services.db, actor)).map(shape);
      const queues = [];
      for (const [panelId, role] of await panelsOf(services.db, actor, now)) {
        const rows = (await triageQueue(services.db, panelId)).map(shape);
        queues.push({
          id: panelId,
          name: panels.get(panelId)?.name ?? panelId,
          role,
          rows,
          overdue: rows.filter((r) => r.overdue).length,
        });
      }
      queues.sort((a, b) => a.name.localeCompare(b.name));
      return reply.view('pages/referrals/index.njk', { title: 'Referrals', mine, queues });
    });
  };
}
