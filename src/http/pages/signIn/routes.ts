import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPassword } from '../../../auth/passwordSignIn.ts';
import { completeSecondFactor, createSession, deleteSession } from '../../../auth/sessions.ts';
import { useTotpCode } from '../../../auth/totp.ts';
import type { AppUser } from '../../../auth/users.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import type { Services } from '../../../services.ts';
import { clearSessionCookie, ensurePreSession, setSessionCookie } from '../../authentication.ts';
import { parseWith } from '../../guards.ts';
import { safeNext, SignInBody, TwoFactorBody } from './schema.ts';

const FAILED =
  'Enter a correct email address and password. After 5 wrong attempts the account is locked for 15 minutes.';

export function signInRoutes(services: Services) {
  const signInLimit = { rateLimit: { max: services.config.web.signInLimitPerMinute, timeWindow: '1 minute' } };

  /** Every way of signing in ends here: rotate the session (no fixation), reset failures, audit. */
  async function startSignedInSession(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AppUser,
    method: string,
  ): Promise<boolean> {
    const now = services.now();
    const pending = user.totp_secret !== null;
    if (request.session) await deleteSession(services.db, request.session.idHash);
    const created = await services.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now })
        .where('id', '=', user.id)
        .execute();
      if (!pending) {
        await recordAudit(
          trx,
          {
            action: 'sign-in',
            actor: { userId: user.id, email: user.email, agency: user.agency_code },
            subjectType: 'user',
            subjectId: user.id,
            ip: request.ip,
            details: { method },
          },
          now,
        );
      }
      return createSession(trx, {
        userId: user.id,
        secondFactorPending: pending,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        now,
        limits: services.sessionLimits,
      });
    });
    setSessionCookie(reply, services, created.cookieValue);
    return pending;
  }

  return async function routes(app: FastifyInstance) {
    app.get('/sign-in', async (request, reply) => {
      if (request.actor) return reply.redirect('/', 303);
      ensurePreSession(request, reply, services);
      const next =
        typeof (request.query as Record<string, unknown>).next === 'string'
          ? (request.query as Record<string, string>).next
          : undefined;
      return reply.view('pages/sign-in.njk', { title: 'Sign in', next: safeNext(next) });
    });

    app.post('/sign-in', { config: signInLimit }, async (request, reply) => {
      const body = parseWith(SignInBody, request.body);
      const result = await checkPassword(services.db, {
        email: body.email,
        password: body.password,
        ip: request.ip,
        now: services.now(),
        lockout: services.lockout,
      });
      if (!result.ok) {
        ensurePreSession(request, reply, services);
        return reply.status(401).view('pages/sign-in.njk', {
          title: 'Sign in',
          errorTitle: true,
          error: FAILED,
          email: body.email,
          next: safeNext(body.next),
        });
      }
      const pending = await startSignedInSession(request, reply, result.user, 'password');
      return reply.redirect(
        pending ? `/sign-in/two-factor?next=${encodeURIComponent(safeNext(body.next))}` : safeNext(body.next),
        303,
      );
    });

    app.get('/sign-in/two-factor', async (request, reply) => {
      if (!request.session?.secondFactorPending) return reply.redirect('/sign-in', 303);
      const next = (request.query as Record<string, string | undefined>).next;
      return reply.view('pages/two-factor.njk', {
        title: 'Enter your security code',
        next: safeNext(next),
        csrfToken: request.session.csrfToken,
      });
    });

    app.post('/sign-in/two-factor', { config: signInLimit }, async (request, reply) => {
      const session = request.session;
      if (!session?.secondFactorPending || !session.user.totp_secret) return reply.redirect('/sign-in', 303);
      const body = parseWith(TwoFactorBody, request.body);
      const now = services.now();
      const user = session.user;
      const secret = session.user.totp_secret;
      const ok = await services.db.transaction().execute(async (trx) => {
        const result = await useTotpCode(trx, user.id, secret, body.code, now);
        const ok = result === 'accepted';
        if (ok) await completeSecondFactor(trx, session.idHash);
        await recordAudit(
          trx,
          {
            action: 'sign-in',
            outcome: ok ? 'success' : 'failure',
            actor: { userId: user.id, email: user.email, agency: user.agency_code },
            subjectType: 'user',
            subjectId: user.id,
            ip: request.ip,
            details: {
              method: 'password+totp',
              ...(ok ? {} : { reason: result === 'used' ? 'security code already used' : 'wrong security code' }),
            },
          },
          now,
        );
        return ok;
      });
      const next = safeNext((request.query as Record<string, string | undefined>).next);
      if (!ok)
        return reply.status(401).view('pages/two-factor.njk', {
          title: 'Enter your security code',
          errorTitle: true,
          error: 'Enter the 6-digit code from your authenticator app',
          next,
        });
      return reply.redirect(next, 303);
    });

    app.post('/sign-out', async (request, reply) => {
      const session = request.session;
      if (session) {
        await services.db.transaction().execute(async (trx) => {
          await deleteSession(trx, session.idHash);
          await recordAudit(
            trx,
            {
              action: 'sign-out',
              actor: { userId: session.user.id, email: session.user.email, agency: session.user.agency_code },
              subjectType: 'user',
              subjectId: session.user.id,
              ip: request.ip,
            },
            services.now(),
          );
        });
      }
      clearSessionCookie(reply, services);
      return reply.redirect('/sign-in', 303);
    });
  };
}
