import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { buildPlanReport, PlanReportError, planReportFileName } from '../../../delivery/report/buildPlanReport.ts';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport } from '../../../reports/render/renderFormats.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { requirePlanRule } from './deliveryWords.ts';

const ReportParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  format: z.enum(REPORT_FORMATS),
});

/**
 * A plan as a document, built now by the report engine (src/delivery/report) in any of its formats. A file leaves
 * Safer, so only people who may read plans and export get it (viewers read plans on screen only), and each
 * download is recorded as an export.
 */
export function planReportRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/plans/:id/report.:format', async (request, reply) => {
      const actor = requireActor(request);
      requirePlanRule(actor, 'read');
      allow(mayExportFigures(actor));
      const { id, format } = parseWith(ReportParams, request.params);
      const today = services.now().toISOString().slice(0, 10);
      const area = await services.db
        .selectFrom('area')
        .select(['code', 'name'])
        .where('code', '=', services.config.partnershipArea)
        .executeTakeFirst();
      let report: Awaited<ReturnType<typeof buildPlanReport>>;
      try {
        report = await buildPlanReport(services.db, id, { asOf: today, builtAt: services.now(), area });
      } catch (error) {
        if (error instanceof PlanReportError) throw notFound('Plan');
        throw error;
      }
      const body = await renderReport(report, format, { chromiumPath: services.config.chromiumPath });
      await recordAuditAlone(
        services.db,
        {
          action: 'export',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'plan',
          subjectId: id,
          ip: request.ip,
          details: { format, asOf: today },
        },
        services.now(),
      );
      return reply
        .type(CONTENT_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${planReportFileName(report, id, format)}"`)
        .send(body);
    });
  };
}
