import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listEnabledProviders } from '../../../auth/oidc/providers.ts';
import { checkPassword } from '../../../auth/passwordSignIn.ts';
import { completeSecondFactor, createSession, deleteSession, sha256Hex } from '../../../auth/sessions.ts';
import { useTotpCode } from '../../../auth/totp.ts';
import type { AppUser } from '../../../auth/users.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import type { Services } from '../../../services.ts';
import { clearSessionCookie, ensurePreSession, setSessionCookie } from '../../authentication.ts';
import { parseWith } from '../../guards.ts';
import { oidcRoutes, providersReady, type StartSession } from './oidcRoutes.ts';
import { safeNext, SignInBody, TwoFactorBody } from './schema.ts';

const FAILED =
  'Enter a correct email address and password. After 5 wrong attempts the account is locked for 15 minutes.';

export function signInRoutes(services: Services) {
  const signInLimit = { rateLimit: { max: services.config.web.signInLimitPerMinute, timeWindow: '1 minute' } };

  /**
   * Every way of signing in ends here: rotate the session (no fixation), reset failures, audit. A password
   * sign-in waits for TOTP when the person has it; single sign-on says itself (its provider's MFA counts).
   */
  async function startSignedInSession(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AppUser,
    method: string,
    options: Partial<Parameters<StartSession>[3]> = {},
  ): Promise<boolean> {
    const now = services.now();
    const pending = options.secondFactorPending ?? user.totp_secret !== null;
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
            details: { method, ...options.details },
          },
          now,
        );
      }
      const session = await createSession(trx, {
        userId: user.id,
        secondFactorPending: pending,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        now,
        limits: services.sessionLimits,
      });
      if (options.oidc)
        await trx
          .insertInto('oidc_session')
          .values({
            session_hash: sha256Hex(session.cookieValue),
            provider_id: options.oidc.providerId,
            mfa: options.oidc.mfa,
          })
          .execute();
      return session;
    });
    setSessionCookie(reply, services, created.cookieValue);
    return pending;
  }

  /** The sign-in page, with a "Sign in with <provider>" button for each provider switched on. */
  async function signInPage(extra: Record<string, unknown> & { next: string }) {
    await providersReady(services);
    const providers = (await listEnabledProviders(services.db)).map((p) => ({
      name: p.name,
      href: `/sign-in/oidc/${p.id}?next=${encodeURIComponent(extra.next)}`,
    }));
    return { title: 'Sign in', providers, ...extra };
  }

  return async function routes(app: FastifyInstance) {
    await app.register(
      oidcRoutes(services, async (request, reply, user, options) => {
        await startSignedInSession(request, reply, user, options.method, options);
      }),
    );

    app.get('/sign-in', async (request, reply) => {
      if (request.actor) return reply.redirect('/', 303);
      ensurePreSession(request, reply, services);
      const next =
        typeof (request.query as Record<string, unknown>).next === 'string'
          ? (request.query as Record<string, string>).next
          : undefined;
      return reply.view('pages/sign-in.njk', await signInPage({ next: safeNext(next) }));
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
        return reply
          .status(401)
          .view(
            'pages/sign-in.njk',
            await signInPage({ errorTitle: true, error: FAILED, email: body.email, next: safeNext(body.next) }),
          );
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
      const viaProvider = await services.db
        .selectFrom('oidc_session')
        .select('provider_id')
        .where('session_hash', '=', session.idHash)
        .executeTakeFirst();
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
              method: viaProvider ? 'oidc+totp' : 'password+totp',
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
      // A session that came through a provider: the signed-out page offers the provider's own sign-out.
      const viaProvider = session
        ? await services.db
            .selectFrom('oidc_session')
            .select('provider_id')
            .where('session_hash', '=', session.idHash)
            .executeTakeFirst()
        : undefined;
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
      if (viaProvider?.provider_id) return reply.redirect(`/signed-out?provider=${viaProvider.provider_id}`, 303);
      return reply.redirect('/sign-in', 303);
    });
  };
}
