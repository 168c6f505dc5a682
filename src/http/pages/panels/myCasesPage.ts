import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MY_CASES_PAGE_SIZE, myCases } from '../../../panels/cases/myCases.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';

/*
 * GET /my-cases: the open cases I may read as a member of their panel, their allocated worker or their referrer
 * (not those reached by breaking glass), soonest review first, 50 a page; and my open actions. Lists refer to
 * cases only by reference and name, and list nothing a person may not read.
 */

const Query = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

export function myCasesPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/my-cases', async (request, reply) => {
      const actor = requireActor(request);
      const { page } = parseWith(Query, request.query ?? {});
      const { cases, total, actions } = await myCases(services.db, actor, services.now(), page);
      const pages = Math.max(1, Math.ceil(total / MY_CASES_PAGE_SIZE));
      return reply.view('pages/cases/my-cases.njk', {
        title: 'My cases',
        cases,
        total,
        actions,
        page,
        pages,
        previous: page > 1 ? `/my-cases?page=${page - 1}` : null,
        next: page < pages ? `/my-cases?page=${page + 1}` : null,
        first: total === 0 ? 0 : (page - 1) * MY_CASES_PAGE_SIZE + 1,
        last: Math.min(total, page * MY_CASES_PAGE_SIZE),
      });
    });
  };
}
