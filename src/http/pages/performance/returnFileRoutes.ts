import type { FastifyInstance } from 'fastify';
import { PerformanceError } from '../../../performance/performanceError.ts';
import { placeInFile, readReturnFile, returnFileCsv, returnFileXlsx } from '../../../performance/returns/returnFile.ts';
import { saveReturn } from '../../../performance/returns/returnStore.ts';
import { canEnterReturn } from '../../../performance/store/performancePolicy.ts';
import type { Services } from '../../../services.ts';
import { csrfRejected, tokensMatch } from '../../csrf.ts';
import { badRequest, forbidden } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { httpOf, sendReturnPage, visibleReturn } from './returnPage.ts';
import { ReturnParams } from './returnRoutes.ts';

/** A return file is one row per indicator: far below this, so a bigger upload is not a return file. */
const MAX_RETURN_FILE_BYTES = 1024 * 1024;

const fileName = (agency: string, quarter: string, ext: string) =>
  `return-${agency}-${quarter.replace(/[^0-9A-Za-z]+/g, '-').toLowerCase()}.${ext}`;

/** The return files Safer generates for an agency, and their upload, which goes through the form's saveReturn. */
export function returnFileRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/performance/returns/:id/template.:format', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReturnParams, request.params);
      const format = (request.params as { format?: string }).format;
      if (format !== 'csv' && format !== 'xlsx') throw badRequest('Ask for template.csv or template.xlsx');
      const ret = await visibleReturn(services, actor, id);
      reply.header('Content-Disposition', `attachment; filename="${fileName(ret.agency, ret.quarter, format)}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(`\uFEFF${returnFileCsv(ret)}`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await returnFileXlsx(ret));
    });

    // The CSRF token field must come before the file, as on the data upload page.
    app.post('/performance/returns/:id/upload', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReturnParams, request.params);
      const ret = await visibleReturn(services, actor, id);
      if (!canEnterReturn(actor, ret.agency)) throw forbidden();
      if (!request.isMultipart()) throw badRequest('Send the file as multipart/form-data');
      let csrfOk = false;
      let reason = '';
      let file: Buffer | null = null;
      for await (const part of request.parts({ limits: { fileSize: MAX_RETURN_FILE_BYTES } })) {
        if (part.type === 'field') {
          if (part.fieldname === '_csrf') csrfOk = tokensMatch(request.csrfToken, part.value);
          if (part.fieldname === 'reason') reason = String(part.value ?? '').slice(0, 4000);
          continue;
        }
        if (!csrfOk) throw csrfRejected();
        const bytes = await part.toBuffer();
        if (part.filename && bytes.length > 0) file = bytes;
      }
      if (!csrfOk) throw csrfRejected();
      const fail = (problems: PerformanceError['problems']) =>
        sendReturnPage(services, reply, actor, id, { problems, reason, status: 400 });
      if (file === null) return fail([{ field: 'file', message: 'Select a CSV or XLSX return file' }]);
      let read: Awaited<ReturnType<typeof readReturnFile>>;
      try {
        read = await readReturnFile(file, ret);
      } catch (error) {
        if (error instanceof PerformanceError && error.code === 'VALIDATION') return fail(error.problems);
        throw error;
      }
      try {
        await saveReturn(services.db, actor, id, { entries: read.entries, submit: false, reason }, services.now());
      } catch (error) {
        if (!(error instanceof PerformanceError)) throw error;
        if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') throw httpOf(error);
        // Each problem is named by line and column, and linked to the file input (the form's fields were not used).
        const placed = placeInFile(error.problems, read.lines).map((p) => ({
          ...p,
          field: p.field === 'reason' ? 'upload-reason' : 'file',
          indicatorId: undefined,
        }));
        return fail(placed.length > 0 ? placed : [{ field: 'file', message: error.message }]);
      }
      return reply.redirect(`/performance/returns/${id}`, 303);
    });
  };
}
