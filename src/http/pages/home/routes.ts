import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canImportData } from '../../../auth/policy.ts';
import { generateTotpSecret, totpStep, totpUri } from '../../../auth/totp.ts';
import { visibleBatchesQuery } from '../../../auth/visibleBatches.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';

const EnableTotpBody = z.object({
  secret: z.string().regex(/^[A-Z2-7]{32}$/),
  code: z.string().trim().max(12),
  _csrf: z.string(),
});

const STATIC_PAGES: Record<string, { title: string; paragraphs: string[] }> = {
  '/accessibility': {
    title: 'Accessibility statement',
    paragraphs: [
      'Safer is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, using the GOV.UK Design System.',
      'Every page works without JavaScript and is checked automatically for accessibility problems before each release.',
      "If you find a problem, tell your partnership's data owner.",
    ],
  },
  '/privacy': {
    title: 'Privacy notice',
    paragraphs: [
      'Safer holds your name, email address, agency and role so that you can sign in and see what your agency may see.',
      'Sign-ins, imports, exports, changes of permission and reads of restricted or personal data are recorded in an audit log.',
    ],
  },
};

export function homeRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    // Signed-in people open on the dashboard overview of the partnership's area; the
    // links to data, uploads and the account live on at /start (and in the navigation).
    app.get('/', async (request, reply) => {
      requireActor(request);
      return reply.redirect('/dashboard', 303);
    });

    app.get('/start', startPage);

    async function startPage(request: FastifyRequest, reply: FastifyReply) {
      const actor = requireActor(request);
      const row = await visibleBatchesQuery(services.db, actor)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return reply.view('pages/home.njk', {
        title: 'Home',
        visibleCount: Number(row.n),
        canImport: canImportData(actor),
      });
    }

    for (const [url, page] of Object.entries(STATIC_PAGES)) {
      app.get(url, async (_request, reply) => reply.view('pages/static.njk', page));
    }

    app.get('/account', async (request, reply) => {
      const actor = requireActor(request);
      const secret = generateTotpSecret();
      return reply.view('pages/account.njk', {
        title: 'Your account',
        account: {
          email: actor.email,
          agency: actor.agency,
          role: actor.role,
          totp: request.session?.user.totp_secret !== null,
        },
        secret,
        uri: totpUri(secret, actor.email),
      });
    });

    app.post('/account/two-factor', async (request, reply) => {
      const actor = requireActor(request);
      const body = parseWith(EnableTotpBody, request.body);
      const now = services.now();
      const step = totpStep(body.secret, body.code, now);
      if (step === null) {
        return reply.status(400).view('pages/account.njk', {
          title: 'Your account',
          errorTitle: true,
          error: 'Enter the 6-digit code your authenticator app shows for this key',
          account: { email: actor.email, agency: actor.agency, role: actor.role, totp: false },
          secret: body.secret,
          uri: totpUri(body.secret, actor.email),
        });
      }
      await services.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ totp_secret: body.secret, totp_last_step: step })
          .where('id', '=', actor.id)
          .execute();
        await recordAudit(
          trx,
          {
            action: 'second-factor.enabled',
            actor: { userId: actor.id, email: actor.email, agency: actor.agency },
            subjectType: 'user',
            subjectId: actor.id,
            ip: request.ip,
          },
          now,
        );
      });
      return reply.view('pages/account.njk', {
        title: 'Your account',
        enabled: true,
        account: { email: actor.email, agency: actor.agency, role: actor.role, totp: true },
      });
    });
  };
}
