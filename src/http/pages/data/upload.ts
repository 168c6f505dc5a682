import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canImportData, type Actor } from '../../../auth/policy.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { importFile, type FileImportResult } from '../../../ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../../../analysis/aggregates/refreshAggregatesForBatch.ts';
import type { Services } from '../../../services.ts';
import { csrfRejected, tokensMatch } from '../../csrf.ts';
import { badRequest } from '../../errors.ts';
import { allow, requireActor } from '../../guards.ts';

const ExtractDate = z.union([
  z.literal(''),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the extract date as YYYY-MM-DD'),
]);

/** Keeps the person's file name (it is what messages and the batch list show) but nothing path-like. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\-() ]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'upload';
}

export function uploadRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/data/upload', async (request, reply) => {
      allow(canImportData(requireActor(request)));
      return reply.view('pages/upload.njk', { title: 'Upload a file to import' });
    });

    /**
     * Streams the upload to a temporary file (never held in memory, so files
     * over 100 MB are fine), then imports it with the same importFile() as the
     * CLI. The CSRF token field must arrive before the file.
     */
    app.post('/data/upload', async (request, reply) => {
      const actor = requireActor(request);
      allow(canImportData(actor));
      if (!request.isMultipart()) throw badRequest('Send the file as multipart/form-data');
      let csrfOk = false;
      let extractDate = '';
      let upload: { dir: string; path: string; name: string } | null = null;
      let outcome: { result: FileImportResult } | { error: string; field: string };
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === '_csrf') csrfOk = tokensMatch(request.csrfToken, part.value);
            if (part.fieldname === 'extractDate') extractDate = String(part.value ?? '').trim();
            continue;
          }
          if (!csrfOk) throw csrfRejected();
          if (!part.filename) {
            part.file.resume();
            continue;
          }
          const dir = await mkdtemp(join(tmpdir(), 'safer-upload-'));
          upload = { dir, name: safeFileName(part.filename), path: '' };
          upload.path = join(dir, upload.name);
          await pipeline(part.file, createWriteStream(upload.path));
        }
        if (!csrfOk) throw csrfRejected();
        const date = ExtractDate.safeParse(extractDate);
        if (!upload) outcome = { error: 'Select a file to import', field: 'file' };
        else if (!date.success)
          outcome = {
            error: date.error.issues[0]?.message ?? 'Enter the extract date as YYYY-MM-DD',
            field: 'extractDate',
          };
        else outcome = { result: await importUploaded(services, actor, request.ip, upload, date.data || undefined) };
      } finally {
        // Removed before the answer goes out: nothing uploaded outlives the request.
        if (upload) await rm(upload.dir, { recursive: true, force: true });
      }
      if ('error' in outcome) {
        return reply.status(400).view('pages/upload.njk', {
          title: 'Upload a file to import',
          errorTitle: true,
          error: outcome.error,
          errorField: outcome.field,
          extractDate,
        });
      }
      const name = upload!.name;
      return reply
        .status(outcome.result.status === 'rejected' ? 422 : 200)
        .view('pages/upload-result.njk', { title: `Import of ${name}`, result: outcome.result, fileName: name });
    });
  };
}

async function importUploaded(
  services: Services,
  actor: Actor,
  ip: string,
  upload: { path: string; name: string },
  extractDate: string | undefined,
): Promise<FileImportResult> {
  const who = { userId: actor.id, email: actor.email, agency: actor.agency };
  let result: FileImportResult;
  try {
    result = await importFile(services.database, upload.path, {
      importedBy: actor.email,
      extractDate,
      refreshAggregates: refreshAggregatesForBatch,
      // The audit entry commits with the import, or not at all.
      beforeCommit: (trx, batch) =>
        recordAudit(
          trx,
          {
            action: 'import',
            actor: who,
            subjectType: 'import_batch',
            subjectId: batch.batchId,
            ip,
            details: { file: upload.name, via: 'upload', ...batch.stats },
          },
          services.now(),
        ),
    });
  } catch (error) {
    await recordAuditAlone(
      services.db,
      {
        action: 'import',
        outcome: 'failure',
        actor: who,
        subjectType: 'file',
        subjectId: upload.name,
        ip,
        details: { reason: 'unexpected error' },
      },
      services.now(),
    );
    throw error;
  }
  if (result.status !== 'imported') {
    await recordAuditAlone(
      services.db,
      {
        action: 'import',
        outcome: result.status === 'rejected' ? 'failure' : 'success',
        actor: who,
        subjectType: result.batchId === null ? 'file' : 'import_batch',
        subjectId: result.batchId ?? upload.name,
        ip,
        details: { file: upload.name, status: result.status, problems: result.totalErrors },
      },
      services.now(),
    );
  }
  return result;
}
