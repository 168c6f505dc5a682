import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { importDetail } from '../../../delivery/importQueries.ts';
import { reviewDoubtfulMatch } from '../../../delivery/importReview.ts';
import { planRefusal } from '../../../delivery/planPolicy.ts';
import { planHeader } from '../../../delivery/planQueries.ts';
import { wordingDiffHtml } from '../../../delivery/wordingDiff.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { formErrors } from '../performance/performanceWords.ts';
import { problemOf, requirePlanRule } from './deliveryWords.ts';

const ImportParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  importId: z.coerce.number().int().positive().max(2_147_483_647),
});
const ReviewParams = ImportParams.extend({ itemId: z.coerce.number().int().positive().max(2_147_483_647) });

async function sendImportPage(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  planId: number,
  importId: number,
  problem?: { itemId: number; field: string; message: string },
) {
  requirePlanRule(actor, 'read');
  const [plan, detail] = await Promise.all([
    planHeader(services.db, planId),
    importDetail(services.db, planId, importId),
  ]);
  if (!plan || !detail) throw notFound('Import');
  const fieldOf = (itemId: number) => `decision-${itemId}`;
  return reply.status(problem ? 400 : 200).view('pages/delivery/import.njk', {
    title: `Import ${detail.id} of ${plan.title}`,
    plan,
    detail,
    mayReview: planRefusal(actor, 'review') === null,
    doubtful: detail.doubtful.map((d) => ({
      ...d,
      field: fieldOf(d.itemId),
      percent: Math.round(d.similarity * 100),
      diffHtml: wordingDiffHtml(d.storedWording, d.newWording),
    })),
    ...formErrors(problem ? [{ field: fieldOf(problem.itemId), message: problem.message }] : []),
  });
}

/** An import's review page: what it could not place, and a manager's decision on each doubtful match. */
export function importReviewPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/plans/:id/imports/:importId', async (request, reply) => {
      const actor = requireActor(request);
      const { id, importId } = parseWith(ImportParams, request.params);
      return sendImportPage(services, reply, actor, id, importId);
    });

    app.post('/plans/:id/imports/:importId/doubtful/:itemId', async (request, reply) => {
      const actor = requireActor(request);
      const { id, importId, itemId } = parseWith(ReviewParams, request.params);
      requirePlanRule(actor, 'review');
      if (!(await importDetail(services.db, id, importId))) throw notFound('Import');
      const decision = String(((request.body ?? {}) as Record<string, unknown>).decision ?? '');
      try {
        if (decision !== 'same' && decision !== 'split')
          return sendImportPage(services, reply, actor, id, importId, {
            itemId,
            field: 'decision',
            message: 'Choose whether it is the same action or a different one',
          });
        await reviewDoubtfulMatch(services.db, actor, importId, itemId, decision);
      } catch (error) {
        const problem = problemOf(error);
        return sendImportPage(services, reply, actor, id, importId, { itemId, ...problem });
      }
      return reply.redirect(`/plans/${id}/imports/${importId}#doubtful-${itemId}`, 303);
    });
  };
}
