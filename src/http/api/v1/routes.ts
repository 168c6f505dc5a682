import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canUndoImport } from '../../../auth/policy.ts';
import { findVisibleBatch, visibleBatches, type VisibleBatch } from '../../../auth/visibleBatches.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { undoImportBatch } from '../../../ingest/undoBatch.ts';
import type { Services } from '../../../services.ts';
import { HttpError, notFound } from '../../errors.ts';
import { allow, parseWith, requireToken } from '../../guards.ts';
import { auditClassifiedRead } from '../../pages/data/routes.ts';
import { batchCounts } from '../../pages/data/batchQueries.ts';
import { protectCounts } from '../../pages/data/protectCounts.ts';
import { openApiDocument } from './openapi.ts';
import { analysisRoute } from './analysisRoute.ts';
import { indicatorRoutes } from './indicatorRoutes.ts';
import { registerApiRoutes } from './registerRoutes.ts';
import { panelsApiRoutes } from './panelsApi.ts';

const BatchParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const presentBatch = (b: VisibleBatch) => ({
  id: b.id,
  fileName: b.file_name,
  layout: b.layout,
  series: b.series,
  extractDate: b.extract_date,
  status: b.status,
  classification: b.classification,
  owningAgency: b.owning_agency,
  rowsRead: b.rows_read,
  importedAt: new Date(b.imported_at).toISOString(),
});

/** Each route: rate limit (global) → token with scope → validate (zod) → scoped query or transaction → answer. */
export function apiV1Routes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/openapi.json', async () => openApiDocument);
    await app.register(analysisRoute(services));
    await app.register(indicatorRoutes(services));
    await app.register(registerApiRoutes(services));
    await app.register(panelsApiRoutes(services));

    app.get('/me', async (request) => {
      const actor = requireToken(request, 'read');
      return { email: actor.email, agency: actor.agency, role: actor.role, scope: request.tokenScope };
    });

    app.get('/batches', async (request) => {
      const actor = requireToken(request, 'read');
      return { batches: (await visibleBatches(services.db, actor)).map(presentBatch) };
    });

    app.get('/batches/:id', async (request) => {
      const actor = requireToken(request, 'read');
      const { id } = parseWith(BatchParams, request.params);
      const batch = await findVisibleBatch(services.db, actor, id);
      if (!batch) throw notFound('Import batch');
      await auditClassifiedRead(services, request, actor, batch, 'api');
      return presentBatch(batch);
    });

    app.get('/batches/:id/counts', async (request) => {
      const actor = requireToken(request, 'read');
      const { id } = parseWith(BatchParams, request.params);
      const readable = await findVisibleBatch(services.db, actor, id);
      if (!readable) throw notFound('Import batch');
      allow((await findVisibleBatch(services.db, actor, id, 'export')) !== undefined);
      const counts = protectCounts(await batchCounts(services.db, id), readable.classification);
      await recordAuditAlone(
        services.db,
        {
          action: 'export',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'import_batch',
          subjectId: id,
          ip: request.ip,
          details: {
            format: 'json',
            via: 'api',
            rows: counts.rows.length,
            classification: readable.classification,
            disclosure: counts.rule.id,
            suppressed: counts.suppressedCells,
          },
        },
        services.now(),
      );
      return {
        disclosure: { rule: counts.rule.id, note: counts.note, suppressedCells: counts.suppressedCells },
        counts: counts.rows.map((r) => ({
          areaCode: r.area_code,
          month: r.month,
          major: r.major,
          minor: r.minor,
          measure: r.measure,
          value: r.value,
        })),
      };
    });

    app.post('/batches/:id/undo', async (request) => {
      const actor = requireToken(request, 'write');
      const { id } = parseWith(BatchParams, request.params);
      const batch = await findVisibleBatch(services.db, actor, id);
      if (!batch) throw notFound('Import batch');
      allow(canUndoImport(actor, { classification: batch.classification, owningAgency: batch.owning_agency }));
      if (batch.status !== 'imported')
        throw new HttpError(409, 'ALREADY_UNDONE', `Import batch ${id} has already been undone`);
      return services.db.transaction().execute(async (trx) => {
        const outcome = await undoImportBatch(trx, id);
        await recordAudit(
          trx,
          {
            action: 'import.undo',
            actor: { userId: actor.id, email: actor.email, agency: actor.agency },
            subjectType: 'import_batch',
            subjectId: id,
            ip: request.ip,
            details: { before: { status: 'imported' }, after: { status: 'undone' }, via: 'api', ...outcome },
          },
          services.now(),
        );
        return outcome;
      });
    });
  };
}
