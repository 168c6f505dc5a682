import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canReadAudit } from '../../../auth/policy.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { searchAudit, type AuditQuery } from '../../../audit/searchAudit.ts';
import type { Services } from '../../../services.ts';
import { csvLine } from '../../../domain/csv/csvLine.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';

const Date10 = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')]).optional();
const AuditSearch = z.object({
  actor: z.string().trim().max(320).optional(),
  action: z.string().trim().max(50).optional(),
  subject: z.string().trim().max(100).optional(),
  from: Date10,
  to: Date10,
});

const toQuery = (s: z.infer<typeof AuditSearch>, limit: number): AuditQuery => ({
  actor: s.actor || undefined,
  action: s.action || undefined,
  subject: s.subject || undefined,
  from: s.from || undefined,
  to: s.to || undefined,
  limit,
});

export function auditRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/audit', async (request, reply) => {
      const actor = requireActor(request);
      allow(canReadAudit(actor));
      const search = parseWith(AuditSearch, request.query);
      const entries = await searchAudit(services.db, actor, toQuery(search, 200));
      const params = new URLSearchParams(Object.entries(search).filter(([, v]) => v) as [string, string][]).toString();
      return reply.view('pages/audit.njk', {
        title: 'Audit log',
        entries,
        search,
        exportHref: `/audit.csv${params ? `?${params}` : ''}`,
      });
    });

    app.get('/audit.csv', async (request, reply) => {
      const actor = requireActor(request);
      allow(canReadAudit(actor));
      const search = parseWith(AuditSearch, request.query);
      const entries = await searchAudit(services.db, actor, toQuery(search, 100_000));
      await recordAuditAlone(
        services.db,
        {
          action: 'audit.export',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'audit_log',
          subjectId: '',
          ip: request.ip,
          details: { filter: search, rows: entries.length },
        },
        services.now(),
      );
      let body = csvLine([
        'id',
        'at',
        'actor_email',
        'actor_agency',
        'action',
        'outcome',
        'subject_type',
        'subject_id',
        'ip',
        'details',
        'hash',
      ]);
      for (const e of entries)
        body += csvLine([
          e.id,
          e.at,
          e.actor_email,
          e.actor_agency,
          e.action,
          e.outcome,
          e.subject_type,
          e.subject_id,
          e.ip,
          e.details,
          e.hash,
        ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="safer-audit.csv"')
        .send(body);
    });
  };
}
