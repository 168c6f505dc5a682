import type { FastifyInstance } from 'fastify';
import type { BuildJob } from '../../../reports/jobs/buildJobs.ts';
import { editionDifferences, whatChanged } from '../../../reports/build/whatChanged.ts';
import { getReport, publicationOf } from '../../../reports/workflow/reportStore.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { liveBuild, orHttpError } from './reportContext.ts';
import { progressText } from './reportPage.ts';
import { ReportParams } from './schema.ts';

/** What the comparison pages say while the builds they compare are running, or why one failed. */
function waiting(jobs: readonly BuildJob[]) {
  const failed = jobs.find((j) => j.status === 'failed');
  if (failed) return { status: 'failed' as const, error: failed.error };
  const running = jobs.find((j) => j.status === 'running');
  return running ? { status: 'running' as const, progress: progressText(running) } : null;
}

/**
 * Two views that compare builds of one report: what changed since it was published (the frozen internal edition
 * against the same report on today's data), and, for the approver, what the public edition withholds.
 */
export function reportChangesRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/reports/:id/changes', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReportParams, request.params);
      const detail = await orHttpError(() => getReport(services.db, actor, id));
      if (!detail.published.includes('internal'))
        throw new HttpError(404, 'NOT_FOUND', `report ${id} is not published: there is nothing to compare yet`);
      const published = await orHttpError(() => publicationOf(services.db, actor, id, 'internal'));
      const now = await liveBuild(services, actor, detail, 'internal', request.ip);
      const wait = waiting([now]);
      return reply.view('pages/reports/changes.njk', {
        title: `What changed since publication: ${detail.report.title}`,
        report: detail.report,
        kind: 'changes',
        wait,
        rows:
          wait || !now.report
            ? []
            : whatChanged(published.built, now.report).map((c) => ({
                figure: c.figure,
                group: c.group,
                before: c.published || 'not in the published report',
                after: c.now || 'no longer produced',
                extracts: `${c.publishedExtract ?? '–'} → ${c.nowExtract ?? '–'}`,
              })),
      });
    });

    app.get('/reports/:id/public-differences', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReportParams, request.params);
      const detail = await orHttpError(() => getReport(services.db, actor, id));
      const internal = await liveBuild(services, actor, detail, 'internal', request.ip);
      const pub = await liveBuild(services, actor, detail, 'public', request.ip);
      const wait = waiting([internal, pub]);
      return reply.view('pages/reports/changes.njk', {
        title: `What the public edition withholds: ${detail.report.title}`,
        report: detail.report,
        kind: 'editions',
        wait,
        rows:
          wait || !internal.report || !pub.report
            ? []
            : editionDifferences(internal.report, pub.report).map((d) => ({
                figure: d.figure,
                group: d.group,
                before: d.internal,
                after: d.public,
              })),
      });
    });
  };
}
