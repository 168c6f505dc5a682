import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { BREAK_GLASS_HOURS, BreakGlassError, breakGlass } from '../../../panels/access/caseAccess.ts';
import { breakGlassReads, mayReviewBreakGlass } from '../../../panels/governance/breakGlassReads.ts';
import { notifyChairs } from '../../../panels/governance/breakGlassNotice.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { requireActor } from '../../guards.ts';

/*
 * Breaking glass (decision 0017, 2): anyone signed in (administrators too: they have no standing access) may read a
 * case outside their need to know by giving a reason, which is audited and e-mailed to the panel's chairs. Pages take
 * sessions only, never API tokens (src/http/authentication.ts), so a token cannot break glass. An unknown reference
 * is said to be unknown: the attempt is audited like a grant, so probing for references leaves a trail.
 */

const VIEW = 'pages/caseGovernance/break-glass.njk';
const Form = z.object({ case: z.string().max(40).default(''), reason: z.string().max(2000).default('') }).passthrough();

export function breakGlassPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    const page = (values: { case: string; reason: string }, errors: Record<string, string> = {}) => ({
      title: 'Read a case outside your panels',
      hours: BREAK_GLASS_HOURS,
      values,
      errors,
      errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
    });

    app.get('/cases/break-glass', async (request, reply) => {
      requireActor(request);
      const q = Form.safeParse(request.query);
      return reply.view(VIEW, page({ case: q.success ? q.data.case : '', reason: '' }));
    });

    app.post('/cases/break-glass', async (request, reply) => {
      const actor = requireActor(request);
      const form = Form.parse(request.body ?? {});
      const reference = form.case.trim().toUpperCase();
      const values = { case: form.case, reason: form.reason };
      const errors: Record<string, string> = {};
      if (reference === '') errors.case = 'Enter the case reference, like C-7KQ2-M9XD';
      if (form.reason.trim().length < 10) errors.reason = 'Say why you need to read this case (at least 10 characters)';
      if (Object.keys(errors).length > 0) return reply.status(400).view(VIEW, page(values, errors));
      const now = services.now();
      const found = await services.db
        .selectFrom('panel_case')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirst();
      if (!found) {
        await recordAuditAlone(
          services.db,
          {
            action: 'case.break-glass',
            outcome: 'failure',
            actor: { userId: actor.id, email: actor.email, agency: actor.agency },
            subjectType: 'panel_case',
            subjectId: '',
            ip: request.ip,
            details: { reference, reason: form.reason.trim(), found: false },
          },
          now,
        );
        return reply.status(400).view(VIEW, page(values, { case: 'No case has that reference' }));
      }
      try {
        const grant = await breakGlass(services.db, actor, found.id, form.reason, now, request.ip);
        try {
          await notifyChairs(services.db, services.config.mail, grant.grantId, now);
        } catch (error) {
          // The grant stands and the chair's page lists it as not notified; the mail failure is logged.
          request.log.error({ err: error, grant: grant.grantId }, 'break-glass notice to the chair failed');
        }
      } catch (error) {
        if (!(error instanceof BreakGlassError)) throw error;
        return reply.status(400).view(VIEW, page(values, { reason: error.message.replace(/^reason: /, '') }));
      }
      return reply.redirect(`/cases/${found.id}`, 303);
    });

    app.get('/panels/:id/break-glass', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = request.params as { id: string };
      if (!(await mayReviewBreakGlass(services.db, actor, id, services.now()))) throw notFound();
      const panel = await services.db
        .selectFrom('panel')
        .select(['id', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!panel) throw notFound();
      const reads = await breakGlassReads(services.db, id);
      const at = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      return reply.view('pages/caseGovernance/panel-break-glass.njk', {
        title: `Break-glass reads: ${panel.name}`,
        panel,
        rows: reads.map((r) => [
          { text: r.caseReference },
          { text: r.who },
          { text: r.agency },
          { text: at(r.grantedAt) },
          { text: r.reason },
          { text: at(r.expiresAt) },
          { text: r.chairNotifiedAt ? at(r.chairNotifiedAt) : 'Not notified' },
        ]),
      });
    });
  };
}
