import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { reportActionRoutes } from './actionRoutes.ts';
import { reportChangesRoutes } from './changesRoutes.ts';
import { reportCommentRoutes } from './commentRoutes.ts';
import { reportDownloadRoutes } from './downloadRoutes.ts';
import { reportEditRoutes } from './editRoutes.ts';
import { reportListRoutes } from './listRoutes.ts';
import { sendReportPage } from './reportPage.ts';
import { PreviewQuery, ReportParams } from './schema.ts';
import { parseWith } from '../../guards.ts';
import { z } from 'zod';

/** The embedded report's own rules, kept beside its templates; the CSP forbids inline styles. */
const REPORT_CSS = readFileSync(resolve(import.meta.dirname, '../../../views/pages/reports/report.css'));

const RefreshQuery = z.object({ refresh: z.enum(['off']).optional().catch(undefined) });

/** The Reports section: list, create, the report page with its live build, edit, comments, workflow, downloads. */
export function reportRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/reports/report.css', { config: { rateLimit: false } }, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(REPORT_CSS),
    );
    await app.register(reportListRoutes(services));
    app.get('/reports/:id', async (request, reply) => {
      const { id } = parseWith(ReportParams, request.params);
      const { edition } = parseWith(PreviewQuery, request.query);
      const { refresh } = parseWith(RefreshQuery, request.query);
      return sendReportPage(services, request, reply, { id, edition, refresh: refresh !== 'off' });
    });
    await app.register(reportEditRoutes(services));
    await app.register(reportActionRoutes(services));
    await app.register(reportCommentRoutes(services));
    await app.register(reportDownloadRoutes(services));
    await app.register(reportChangesRoutes(services));
  };
}
