import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refusal, ReportError } from '../../../reports/workflow/reportPolicy.ts';
import { getReport, publish, transition } from '../../../reports/workflow/reportStore.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { factsOf, forgetBuild, httpErrorOf, liveBuild, orHttpError, sentence, statusOf } from './reportContext.ts';
import { type PageError, sendReportPage } from './reportPage.ts';
import { PreviewQuery, ReportParams, TransitionBody } from './schema.ts';

/*
 * The report page's forms that move a report on: submit, return (with a reason), approve, publish; and "try
 * building again" after a failed preview. Each posts, then redirects back to the report (POST/redirect/GET); a
 * refusal is shown on the report page, with its status, in the error summary.
 */

/** Runs a form's change; a workflow refusal re-renders the report page with the message linked to `field`. */
export async function orReportPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  field: string,
  change: () => Promise<unknown>,
) {
  try {
    await change();
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    if (error.code === 'NOT_FOUND') throw httpErrorOf(error);
    const errors: PageError[] = [{ href: `#${field}`, text: sentence(error.message) }];
    return sendReportPage(services, request, reply, { id, status: statusOf(error), errors, refresh: false });
  }
  return reply.redirect(`/reports/${id}`, 303);
}

export function reportActionRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    for (const action of ['submit', 'return', 'approve'] as const) {
      app.post(`/reports/:id/${action}`, async (request, reply) => {
        const actor = requireActor(request);
        const { id } = parseWith(ReportParams, request.params);
        const { reason } = parseWith(TransitionBody, request.body);
        return orReportPage(services, request, reply, id, action === 'return' ? 'reason' : 'main-content', () =>
          transition(services.db, actor, id, action, { reason }, services.now()),
        );
      });
    }

    // Both editions are built with the current data (reusing a finished preview of the same data), then stored
    // together by publish(), which freezes them. The policy is asked first, so a refusal costs no build.
    app.post('/reports/:id/publish', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReportParams, request.params);
      parseWith(TransitionBody, request.body);
      return orReportPage(services, request, reply, id, 'main-content', async () => {
        const detail = await getReport(services.db, actor, id);
        const refused = refusal(actor, 'publish', factsOf(detail));
        if (refused) throw refused;
        const built = async (edition: 'internal' | 'public') => {
          const job = await (await liveBuild(services, actor, detail, edition, request.ip)).finished;
          // Frozen at the extract each figure block was answered from, so the publication can be rebuilt as it was.
          if (job.report) return { built: job.report, asOf: job.report.extracts };
          throw new ReportError(
            'INVALID_STATE',
            `the ${edition} edition could not be built for publishing: ${job.error?.message ?? 'unknown error'}`,
          );
        };
        const [internal, pub] = await Promise.all([built('internal'), built('public')]);
        await publish(services.db, actor, id, { internal, public: pub }, services.now());
      });
    });

    app.post('/reports/:id/rebuild', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReportParams, request.params);
      const { edition } = parseWith(PreviewQuery, request.query);
      const detail = await orHttpError(() => getReport(services.db, actor, id));
      await forgetBuild(services, actor, detail, edition);
      return reply.redirect(`/reports/${id}${edition === 'public' ? '?edition=public' : ''}#preview`, 303);
    });
  };
}
