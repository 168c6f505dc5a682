import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canExportData, canUndoImport, isAuditedRead, type Actor } from '../../../auth/policy.ts';
import { findVisibleBatch, visibleBatches, type VisibleBatch } from '../../../auth/visibleBatches.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { undoImportBatch } from '../../../ingest/undoBatch.ts';
import type { Services } from '../../../services.ts';
import { csvLine } from '../../../domain/csv/csvLine.ts';
import { notFound } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { batchCounts, batchSliceSummary } from './batchQueries.ts';
import { protectCounts } from './protectCounts.ts';

const BatchParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const auditActor = (a: Actor) => ({ userId: a.id, email: a.email, agency: a.agency });

/** Reading restricted or personal data leaves a trace before anything is shown. */
export async function auditClassifiedRead(
  services: Services,
  request: FastifyRequest,
  actor: Actor,
  batch: VisibleBatch,
  via: string,
): Promise<void> {
  if (!isAuditedRead(batch.classification)) return;
  await recordAuditAlone(
    services.db,
    {
      action: 'read.classified',
      actor: auditActor(actor),
      subjectType: 'import_batch',
      subjectId: batch.id,
      ip: request.ip,
      details: { classification: batch.classification, owningAgency: batch.owning_agency, via },
    },
    services.now(),
  );
}

export function dataRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/data/imports', async (request, reply) => {
      const actor = requireActor(request);
      const batches = await visibleBatches(services.db, actor);
      return reply.view('pages/imports.njk', { title: 'Data: import batches', batches });
    });

    app.get('/data/imports/:id', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(BatchParams, request.params);
      // The scope sits in the query: a batch this person may not read is simply not found.
      const batch = await findVisibleBatch(services.db, actor, id);
      if (!batch) throw notFound('Import batch');
      await auditClassifiedRead(services, request, actor, batch, 'page');
      return reply.view('pages/import.njk', {
        title: `Import batch ${batch.id}`,
        batch,
        summary: await batchSliceSummary(services.db, batch.id),
        canUndo:
          batch.status === 'imported' &&
          canUndoImport(actor, { classification: batch.classification, owningAgency: batch.owning_agency }),
        canExport: canExportData(actor, { classification: batch.classification, owningAgency: batch.owning_agency }),
        undone: (request.query as Record<string, string | undefined>).undone === '1',
      });
    });

    app.get('/data/imports/:id/export.csv', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(BatchParams, request.params);
      const readable = await findVisibleBatch(services.db, actor, id);
      if (!readable) throw notFound('Import batch');
      const batch = await findVisibleBatch(services.db, actor, id, 'export');
      allow(batch !== undefined);
      const counts = protectCounts(await batchCounts(services.db, id), readable.classification);
      // The export is recorded before a byte leaves; if the record cannot be written, nothing is sent.
      await recordAuditAlone(
        services.db,
        {
          action: 'export',
          actor: auditActor(actor),
          subjectType: 'import_batch',
          subjectId: id,
          ip: request.ip,
          details: {
            format: 'csv',
            rows: counts.rows.length,
            classification: readable.classification,
            disclosure: counts.rule.id,
            suppressed: counts.suppressedCells,
          },
        },
        services.now(),
      );
      let body = csvLine(['area_code', 'month', 'major', 'minor', 'measure', 'value']);
      for (const r of counts.rows) body += csvLine([r.area_code, r.month, r.major, r.minor, r.measure, r.value]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="safer-batch-${id}.csv"`)
        .header('X-Safer-Disclosure', counts.note.replace(/[^\x20-\x7e]/g, '-')) // headers are ASCII
        .send(body);
    });

    app.post('/data/imports/:id/undo', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(BatchParams, request.params);
      const batch = await findVisibleBatch(services.db, actor, id);
      if (!batch) throw notFound('Import batch');
      allow(
        batch.status === 'imported' &&
          canUndoImport(actor, { classification: batch.classification, owningAgency: batch.owning_agency }),
      );
      await services.db.transaction().execute(async (trx) => {
        const outcome = await undoImportBatch(trx, id);
        await recordAudit(
          trx,
          {
            action: 'import.undo',
            actor: auditActor(actor),
            subjectType: 'import_batch',
            subjectId: id,
            ip: request.ip,
            details: { before: { status: 'imported' }, after: { status: 'undone' }, file: batch.file_name, ...outcome },
          },
          services.now(),
        );
      });
      return reply.redirect(`/data/imports/${id}?undone=1`, 303);
    });
  };
}
