import type { FastifyInstance } from 'fastify';
import { exportSubjectAccess, partnershipArea } from '../../../panels/governance/subjectAccessExport.ts';
import { subjectAccessReport } from '../../../panels/governance/subjectAccessReport.ts';
import { findSubjectRequest } from '../../../panels/governance/subjectRequests.ts';
import { reportPdf } from '../../../reports/render/pdf.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { dataOwner } from './dataOwnerGuard.ts';

/*
 * GET /subject-requests/:id/export.json|.pdf: the record of the request's person for the data owner, audited
 * ('subject-request.export' and a 'case.read' per case) before it is sent. Staff of the data owner's own agency are
 * left unmarked; everyone else's e-mail is marked for redaction.
 */
export function subjectAccessExportRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/subject-requests/:id/export.:format', async (request, reply) => {
      const actor = dataOwner(request);
      const { id, format } = request.params as { id: string; format: string };
      if (format !== 'json' && format !== 'pdf') throw notFound();
      const r = Number.isInteger(Number(id)) ? await findSubjectRequest(services.db, actor, Number(id)) : null;
      if (!r) throw notFound();
      const record = await exportSubjectAccess(
        services.db,
        await services.caseKeys(),
        { userId: actor.id, email: actor.email, agency: actor.agency },
        r.person_reference,
        { releasingAgency: actor.agency, requestId: r.id, format, now: services.now(), ip: request.ip },
      );
      if (!record) throw notFound('Person');
      const name = `subject-access-${r.person_reference}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (format === 'json') return reply.type('application/json').send(`${JSON.stringify(record, null, 2)}\n`);
      const area = await partnershipArea(services.db, services.config.partnershipArea);
      const pdf = await reportPdf(subjectAccessReport(record, area), { chromiumPath: services.config.chromiumPath });
      return reply.type('application/pdf').send(pdf);
    });
  };
}
