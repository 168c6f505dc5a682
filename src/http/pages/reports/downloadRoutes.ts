import type { FastifyInstance } from 'fastify';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import type { BuiltReport } from '../../../reports/builtReport.ts';
import { CONTENT_TYPES, renderReport, reportFileName } from '../../../reports/render/renderFormats.ts';
import { getReport, publicationOf } from '../../../reports/workflow/reportStore.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { liveBuild, orHttpError } from './reportContext.ts';
import { DownloadParams } from './schema.ts';

/**
 * A report as a file: the edition as published (frozen) once the report is published, else built now for this
 * reader. Downloads leave Safer, so only roles that may export figures get them; the public edition applies
 * every source's disclosure rule (readerReportAnalyser 'public'), whatever the reader may see themselves.
 */
export function reportDownloadRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/reports/:id/download/:edition.:format', async (request, reply) => {
      const actor = requireActor(request);
      const { id, edition, format } = parseWith(DownloadParams, request.params);
      allow(mayExportFigures(actor));
      const detail = await orHttpError(() => getReport(services.db, actor, id));
      let report: BuiltReport;
      if (detail.published.includes(edition))
        report = (await orHttpError(() => publicationOf(services.db, actor, id, edition))).built;
      else {
        const job = await (await liveBuild(services, actor, detail, edition, request.ip)).finished;
        if (!job.report)
          throw new HttpError(
            409,
            'BUILD_FAILED',
            `The report could not be built: ${job.error?.message ?? 'unknown error'}`,
          );
        report = job.report;
      }
      const body = await renderReport(report, format, { chromiumPath: services.config.chromiumPath });
      // A document leaving Safer is recorded as an export, whatever edition: the figures inside were released to
      // this reader as a page would be, but the file goes where the audit log cannot follow.
      await recordAuditAlone(
        services.db,
        {
          action: 'export',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'report',
          subjectId: id,
          ip: request.ip,
          details: {
            edition,
            format,
            frozen: detail.published.includes(edition),
            version: detail.current.version,
            suppressedCells: report.sections
              .flatMap((s) => s.blocks)
              .reduce((n, b) => n + (b.kind === 'figure' ? b.suppressedCells : 0), 0),
          },
        },
        services.now(),
      );
      return reply
        .type(CONTENT_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${reportFileName(report, format)}"`)
        .send(body);
    });
  };
}
