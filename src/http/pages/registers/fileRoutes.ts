import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type ExportFormat, exportRegister } from '../../../registers/files/exportRegister.ts';
import { formatImportProblem } from '../../../registers/files/importProblems.ts';
import { importRegisterFile } from '../../../registers/files/importRegisterFile.ts';
import { exampleReferences, registerTemplate, templateCsv } from '../../../registers/files/registerTemplate.ts';
import { rightsForAll } from '../../../registers/readers.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { withUploadedFile } from './fileUpload.ts';
import { markingOf, pageErrorOf, RegisterParams, readableRegister, refused } from './pageRegister.ts';

/*
 * A register's files from the pages (issue 20): GET /registers/:id/template.csv (the import template), GET and POST
 * /registers/:id/import (upload a CSV or XLSX; the result, or every problem in the error summary), GET
 * /registers/:id/export.csv and .xlsx (for readers who may export; audited). Rights as everywhere: read to see the
 * register, write to import into it, export to take its entries away.
 */

const sendFile = (reply: FastifyReply, name: string, type: string, body: Buffer | string) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(body);

export function registerFileRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    const writable = async (actor: Parameters<typeof readableRegister>[1], id: string) => {
      const found = await readableRegister(services, actor, id);
      if (!found.rights.write) throw refused(`You may not add to the ${found.register.name} register`);
      return found;
    };
    const view = (register: { id: string; name: string }, extra: Record<string, unknown>) => ({
      title: `Import ${register.name}`,
      register,
      ...extra,
    });

    app.get('/registers/:id/template.csv', async (request, reply) => {
      const actor = requireActor(request);
      const { register } = await readableRegister(services, actor, parseWith(RegisterParams, request.params).id);
      const all = await rightsForAll(services.db, actor, await services.registers());
      const readable = new Set(all.filter((r) => r.rights.read).map((r) => r.register.id));
      const ctx = await services.registerContext(services.now());
      const template = registerTemplate(register, ctx, await exampleReferences(services.db, register, readable));
      return sendFile(reply, `${register.id}-template.csv`, 'text/csv; charset=utf-8', templateCsv(template));
    });

    app.get('/registers/:id/import', async (request, reply) => {
      const { register } = await writable(requireActor(request), parseWith(RegisterParams, request.params).id);
      return reply.view('pages/registers/import.njk', view(register, { marking: markingOf(register) }));
    });

    app.post('/registers/:id/import', async (request, reply) => {
      const actor = requireActor(request);
      const { register } = await writable(actor, parseWith(RegisterParams, request.params).id);
      const marking = markingOf(register);
      const missing = { text: 'Select a CSV or XLSX file to import', href: '#file' };
      return withUploadedFile(request, async (file) => {
        if (file === null || (await stat(file.path)).size === 0)
          return reply
            .status(400)
            .view('pages/registers/import.njk', view(register, { marking, errorTitle: true, errorList: [missing] }));
        const ctx = await services.registerContext(services.now());
        const result = await importRegisterFile(services.database, ctx, actor, register.id, file.path, {
          fileName: file.name,
          ip: request.ip,
          via: 'upload',
        }).catch(pageErrorOf);
        if (result.status !== 'rejected')
          return reply.view('pages/registers/import-result.njk', view(register, { marking, result }));
        const errorList = result.problems.map((p) => ({ text: formatImportProblem(result.file, p), href: '#file' }));
        return reply.status(422).view(
          'pages/registers/import.njk',
          view(register, {
            marking,
            errorTitle: true,
            errorList,
            result,
            more: result.totalProblems - errorList.length,
          }),
        );
      });
    });

    for (const format of ['csv', 'xlsx'] as const satisfies readonly ExportFormat[])
      app.get(`/registers/:id/export.${format}`, async (request, reply) => {
        const actor = requireActor(request);
        const { register, rights } = await readableRegister(
          services,
          actor,
          parseWith(RegisterParams, request.params).id,
        );
        if (!rights.export) throw refused(`You may not export the ${register.name} register`);
        const file = await exportRegister(services.db, actor, register, format, {
          now: services.now(),
          ip: request.ip,
          via: 'page',
        }).catch(pageErrorOf);
        return sendFile(reply, file.fileName, file.contentType, file.body);
      });
  };
}
