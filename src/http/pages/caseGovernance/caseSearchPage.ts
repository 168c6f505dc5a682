import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_QUERY, searchCases } from '../../../panels/governance/caseSearch.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';

/*
 * GET /cases/search?q=: a case by its reference, its person's reference or the person's name, among the cases the
 * reader may read (need to know). Someone with none sees "No cases found", the same as for a query matching nothing.
 */

const Query = z.object({ q: z.string().default('') }).passthrough();

export function caseSearchPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/cases/search', async (request, reply) => {
      const actor = requireActor(request);
      const parsed = Query.safeParse(request.query);
      const q = parsed.success ? parsed.data.q.trim() : '';
      const error = q.length > MAX_QUERY ? `Enter ${MAX_QUERY} characters or fewer` : undefined;
      const hits = q === '' || error ? null : await searchCases(services.db, actor, q, services.now(), request.ip);
      return reply.status(error ? 400 : 200).view('pages/caseGovernance/search.njk', {
        title: q ? `Find a case: ${q.length} characters searched` : 'Find a case',
        q,
        error,
        errorList: error ? [{ text: error, href: '#q' }] : [],
        hits,
      });
    });
  };
}
