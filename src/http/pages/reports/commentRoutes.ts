import type { FastifyInstance } from 'fastify';
import { ReportError } from '../../../reports/workflow/reportPolicy.ts';
import { addComment, getReport, resolveComment } from '../../../reports/workflow/reportStore.ts';
import { templateBlocks } from '../../../reports/template/templateSchema.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { orReportPage } from './actionRoutes.ts';
import { templateOf } from './reportContext.ts';
import { CommentBody, CommentParams, ReportParams } from './schema.ts';

/** Reviewers' comments on a block of the report, and resolving them; both post from the report page. */
export function reportCommentRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.post('/reports/:id/comments', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReportParams, request.params);
      const { block, body } = parseWith(CommentBody, request.body);
      const field = body.trim() === '' ? 'comment-body' : 'comment-block';
      return orReportPage(services, request, reply, id, field, async () => {
        const detail = await getReport(services.db, actor, id);
        const blockIds = templateBlocks(await templateOf(detail)).map((b) => b.block.id);
        if (body.trim() === '' && blockIds.includes(block))
          throw new ReportError('VALIDATION', `enter a comment on block '${block}'`);
        await addComment(services.db, actor, id, { blockId: block, body, blockIds }, services.now());
      });
    });

    app.post('/reports/:id/comments/:commentId/resolve', async (request, reply) => {
      const actor = requireActor(request);
      const { id, commentId } = parseWith(CommentParams, request.params);
      return orReportPage(services, request, reply, id, 'comments', async () => {
        // The comment must belong to this report: the address names both.
        const detail = await getReport(services.db, actor, id);
        if (!detail.comments.some((c) => c.id === commentId))
          throw new ReportError('VALIDATION', `report ${id} has no comment ${commentId}`);
        await resolveComment(services.db, actor, commentId, services.now());
      });
    });
  };
}
