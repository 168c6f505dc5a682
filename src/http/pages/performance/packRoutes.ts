import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { parseQuarter, QuarterLabelError } from '../../../domain/performance/indicatorPeriods.ts';
import { buildPack } from '../../../performance/pack/buildPack.ts';
import { loadPackDefinition } from '../../../performance/pack/packSchema.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport, reportFileName } from '../../../reports/render/renderFormats.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { allow, parseWith } from '../../guards.ts';
import { requirePerformanceReader } from './performanceReader.ts';
import { panelIndicatorCounts } from './panelSources.ts';
import { readerRegisterCounts } from './registerSources.ts';

const PackParams = z.object({ format: z.enum(REPORT_FORMATS) });
const PackQuery = z.object({ quarter: z.string().trim().min(1).max(20) });

/**
 * The quarterly performance pack as a file, built now for this reader by the report engine (src/performance/pack).
 * A file leaves Safer, so only roles that may export figures get it, and each download is recorded as an export;
 * the computed figures inside are released to the reader as the scorecard releases them.
 */
export function packRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/performance/pack.:format', async (request, reply) => {
      const actor = requirePerformanceReader(request);
      allow(mayExportFigures(actor));
      const { format } = parseWith(PackParams, request.params);
      const { quarter } = parseWith(PackQuery, request.query ?? {});
      let label: string;
      try {
        label = parseQuarter(quarter).label;
      } catch (error) {
        if (error instanceof QuarterLabelError) throw new HttpError(400, 'VALIDATION', error.message);
        throw error;
      }
      const area = await services.db
        .selectFrom('area')
        .select(['code', 'name'])
        .where('code', '=', services.config.partnershipArea)
        .executeTakeFirst();
      const { themes } = await services.indicatorSet();
      const pack = await buildPack(services.db, {
        quarter: label,
        area: area ?? { code: services.config.partnershipArea, name: services.config.partnershipArea },
        themes,
        definition: await loadPackDefinition(),
        analyse: readerReportAnalyser(services, actor, 'internal', request.ip),
        countRegister: await readerRegisterCounts(services, actor),
        countPanel: panelIndicatorCounts(services),
        builtAt: services.now(),
        today: services.now().toISOString().slice(0, 10),
      });
      const body = await renderReport(pack, format, { chromiumPath: services.config.chromiumPath });
      await recordAuditAlone(
        services.db,
        {
          action: 'export',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'performance-pack',
          subjectId: label,
          ip: request.ip,
          details: { format, quarter: label, sections: pack.sections.length },
        },
        services.now(),
      );
      return reply
        .type(CONTENT_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${reportFileName(pack, format)}"`)
        .send(body);
    });
  };
}
