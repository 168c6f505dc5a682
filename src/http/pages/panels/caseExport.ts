import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../audit/recordAudit.ts';
import { caseRecord } from '../../../panels/cases/caseRecord.ts';
import type { Services } from '../../../services.ts';
import { forbidden, notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';

/*
 * GET /cases/:id/record.json: a case as its reader sees it, for a member of its panel to take into their own
 * agency's system. Need to know first: anyone else who may not read the case gets "not found", exactly as on the
 * page. Of those who may read it, only current panel members who are not viewers export (viewers never export:
 * auth/policy.ts); the referrer, the allocated worker and someone who broke glass read on screen only. Every
 * download is a 'case.export' and a 'case.read' (what: export) audit row, in one transaction.
 */

const Params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export function caseExport(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/cases/:id/record.json', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(Params, request.params);
      const now = services.now();
      const record = await caseRecord(services.db, await services.caseKeys(), actor, id, now);
      if (!record) throw notFound('Case');
      if (record.access.via !== 'member' || actor.role === 'viewer') throw forbidden();
      const who = { userId: actor.id, email: actor.email, agency: actor.agency };
      await services.db.transaction().execute(async (trx) => {
        const base = { actor: who, subjectType: 'panel_case', subjectId: id, ip: request.ip };
        await recordAudit(
          trx,
          { ...base, action: 'case.read', details: { via: 'member', what: 'export', panel: record.access.panelId } },
          now,
        );
        await recordAudit(
          trx,
          { ...base, action: 'case.export', details: { format: 'json', panel: record.access.panelId } },
          now,
        );
      });
      return reply
        .header('content-disposition', `attachment; filename="${record.reference}.json"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(
          `${JSON.stringify({ marking: 'OFFICIAL-SENSITIVE', exportedBy: actor.email, exportedAt: now.toISOString(), case: record }, null, 2)}\n`,
        );
    });
  };
}
