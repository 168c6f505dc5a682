import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AccountRefusal, disableLeavers, personOf, resolveAccount } from '../../../auth/oidc/oidcAccounts.ts';
import {
  OidcProtocolError,
  type ProtocolRefusal,
  randomCodeVerifier,
  randomNonce,
  randomState,
} from '../../../auth/oidc/oidcClient.ts';
import { findProvider, type OidcProvider, syncConfiguredProviders } from '../../../auth/oidc/providers.ts';
import { randomToken, sha256Hex } from '../../../auth/sessions.ts';
import type { AppUser } from '../../../auth/users.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import type { Services } from '../../../services.ts';
import { cookieOptions } from '../../authentication.ts';
import { parseWith } from '../../guards.ts';
import { OidcStartParams, safeNext } from './schema.ts';

/** Configured providers are written to the database once per process, before the first use. */
export const providersReady = (services: Services): Promise<void> =>
  services.oidcClients.ready(() =>
    syncConfiguredProviders(services.db, services.config.oidc.providers, services.now()),
  );

export type Refusal = ProtocolRefusal | AccountRefusal | 'no-login' | 'unknown-provider' | 'provider-unavailable';

/** What the refusal page says for each reason: what happened and what the person can do. */
export const REFUSALS: Record<Refusal, string> = {
  'no-login':
    'The sign-in had expired or was not started in this browser. Start again from the sign-in page; sign-in through your organisation must be finished within 10 minutes.',
  state:
    'The reply from your organisation did not match the sign-in this browser started, so it may not have come from you. Start again from the sign-in page.',
  nonce: 'The identity token from your organisation was issued for another sign-in. Start again from the sign-in page.',
  'expired-token': 'The identity token from your organisation had expired. Start again from the sign-in page.',
  'forged-token':
    'The identity token was not signed by your organisation, so Safer cannot trust it. Start again from the sign-in page.',
  issuer: 'The identity token came from an identity provider other than the one configured for your organisation.',
  'provider-error': 'Your organisation did not sign you in. Start again from the sign-in page.',
  'invalid-response': 'The reply from your organisation could not be read. Start again from the sign-in page.',
  'unknown-provider': 'That sign-in option does not exist or has been switched off.',
  'provider-unavailable':
    'Your organisation’s identity provider did not answer. Try again later, or sign in with your Safer password if you have one.',
  'no-email': 'Your organisation did not tell Safer your email address. Ask your IT service to release it to Safer.',
  'unverified-email': 'Your organisation has not verified your email address.',
  domain: 'Your email address is not from a domain your organisation has allowed to use Safer.',
  'unmapped-group':
    'None of your groups at your organisation gives a role in Safer. Ask your organisation’s Safer administrator to add you to a group that does.',
  'other-agency':
    'Your Safer account belongs to another partner agency, so this organisation cannot sign you in to it.',
  'email-taken':
    'There is already a Safer account with your email address, and Safer never joins a sign-in to an account by email address alone. Sign in with that account’s password, or ask your agency’s Safer administrator for help.',
  disabled: 'Your Safer account is disabled. Ask an administrator of your agency to enable it.',
  'awaiting-approval': 'Your account is waiting for an administrator of your agency to approve it.',
};

const FLOW_MINUTES = 10;
const LEAVER_CHECK_MS = 60 * 60 * 1000;

const pendingPage = (provider: OidcProvider, user: AppUser) => ({
  title: 'Your account is waiting for approval',
  provider: provider.name,
  agency: provider.agency_code.replace(/_/g, ' '),
  email: user.email,
});

export type StartSession = (
  request: FastifyRequest,
  reply: FastifyReply,
  user: AppUser,
  options: {
    method: string;
    secondFactorPending: boolean;
    details: Record<string, unknown>;
    oidc: { providerId: number; mfa: boolean };
  },
) => Promise<void>;

/**
 * Sign-in through an agency's OpenID Connect provider (decision 0014): authorisation code flow with PKCE, state
 * and nonce kept server-side for the browser that started it, the ID token checked by openid-client, the person
 * matched by issuer + subject. The session starts through the same `startSession` as a password sign-in.
 */
export function oidcRoutes(services: Services, startSession: StartSession) {
  const signInLimit = { rateLimit: { max: services.config.web.signInLimitPerMinute, timeWindow: '1 minute' } };
  const flowCookie = services.secureCookies ? '__Host-safer_oidc' : 'safer_oidc';
  const ready = () => providersReady(services);
  const baseUrl = (request: FastifyRequest) =>
    services.config.oidc.publicUrl ?? `${request.protocol}://${request.host}`;

  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    reason: Refusal,
    context: { provider?: OidcProvider; email?: string; user?: AppUser; detail?: string },
  ) {
    await recordAuditAlone(
      services.db,
      {
        action: 'sign-in',
        outcome: 'failure',
        actor: {
          userId: context.user?.id ?? null,
          email: (context.user?.email ?? context.email ?? '').slice(0, 200),
          agency: context.user?.agency_code ?? context.provider?.agency_code ?? '',
        },
        subjectType: 'user',
        subjectId: context.user?.id ?? '',
        ip: request.ip,
        details: {
          method: 'oidc',
          reason,
          ...(context.provider ? { provider: context.provider.name, issuer: context.provider.issuer } : {}),
          ...(context.detail ? { detail: context.detail.slice(0, 300) } : {}),
        },
      },
      services.now(),
    );
    if (reason === 'awaiting-approval' && context.provider && context.user)
      return reply.view('pages/sign-in-pending.njk', pendingPage(context.provider, context.user));
    const status = reason === 'provider-unavailable' ? 503 : reason === 'unknown-provider' ? 404 : 403;
    return reply.status(status).view('pages/sign-in-refused.njk', {
      title: 'You cannot sign in',
      message: REFUSALS[reason],
      provider: context.provider?.name,
      reason,
    });
  }

  return async function routes(app: FastifyInstance) {
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      // A provider naming an agency that does not exist stops the start, rather than the sign-in page later.
      await ready();
      const check = () =>
        disableLeavers(services.db, { now: services.now(), days: services.config.oidc.leaverDays }).catch(
          (e: unknown) => app.log.error(e, 'disabling single sign-on leavers failed'),
        );
      await check();
      timer = setInterval(check, LEAVER_CHECK_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));

    // Starting costs one short-lived row and no guess at anything: the general rate limit is enough. The
    // callback, where a code or a token is tried, has the sign-in limit.
    app.get('/sign-in/oidc/:id', async (request, reply) => {
      await ready();
      const { id } = parseWith(OidcStartParams, request.params);
      const provider = await findProvider(services.db, id);
      if (!provider?.enabled) return refuse(request, reply, 'unknown-provider', {});
      const next = safeNext((request.query as Record<string, string | undefined>).next);
      const state = randomState();
      const nonce = randomNonce();
      const codeVerifier = randomCodeVerifier();
      let url: URL;
      try {
        url = await services.oidcClients.authorisationUrl(provider, {
          redirectUri: `${baseUrl(request)}/sign-in/oidc/callback`,
          state,
          nonce,
          codeVerifier,
        });
      } catch (e) {
        return refuse(request, reply, 'provider-unavailable', { provider, detail: String(e) });
      }
      const cookie = randomToken();
      const now = services.now();
      await services.db.deleteFrom('oidc_login').where('expires_at', '<', now).execute();
      await services.db
        .insertInto('oidc_login')
        .values({
          id_hash: sha256Hex(cookie),
          provider_id: provider.id,
          state,
          nonce,
          code_verifier: codeVerifier,
          next,
          expires_at: new Date(now.getTime() + FLOW_MINUTES * 60_000),
        })
        .execute();
      reply.setCookie(flowCookie, cookie, cookieOptions(services, FLOW_MINUTES * 60));
      return reply.redirect(url.href, 303);
    });

    app.get('/sign-in/oidc/callback', { config: signInLimit }, async (request, reply) => {
      await ready();
      const cookie = request.cookies[flowCookie];
      reply.clearCookie(flowCookie, cookieOptions(services));
      // One use: the flow is taken out of the table whatever happens next.
      const flow = cookie
        ? await services.db
            .deleteFrom('oidc_login')
            .where('id_hash', '=', sha256Hex(cookie))
            .returningAll()
            .executeTakeFirst()
        : undefined;
      if (!flow || new Date(flow.expires_at).getTime() < services.now().getTime())
        return refuse(request, reply, 'no-login', {});
      const provider = await findProvider(services.db, flow.provider_id);
      if (!provider?.enabled) return refuse(request, reply, 'unknown-provider', {});
      const currentUrl = new URL(request.url, baseUrl(request));
      let claims: Awaited<ReturnType<Services['oidcClients']['finish']>>;
      try {
        claims = await services.oidcClients.finish(provider, currentUrl, {
          state: flow.state,
          nonce: flow.nonce,
          codeVerifier: flow.code_verifier,
        });
      } catch (e) {
        const reason = e instanceof OidcProtocolError ? e.reason : 'invalid-response';
        return refuse(request, reply, reason, { provider, detail: e instanceof Error ? e.message : String(e) });
      }
      const person = personOf(claims, provider);
      const outcome = await resolveAccount(services.db, provider, person, { now: services.now(), ip: request.ip });
      if (outcome.kind === 'refused')
        return refuse(request, reply, outcome.reason, {
          provider,
          email: outcome.email,
          ...(outcome.user ? { user: outcome.user } : {}),
          detail: `subject ${person.subject}${person.groups.length ? `; groups ${person.groups.join(', ')}` : ''}`,
        });
      if (outcome.kind === 'pending')
        return reply.view('pages/sign-in-pending.njk', pendingPage(provider, outcome.user));
      const secondFactorPending = !outcome.mfa && outcome.user.totp_secret !== null;
      await startSession(request, reply, outcome.user, {
        method: 'oidc',
        secondFactorPending,
        details: { provider: provider.name, issuer: provider.issuer, mfa: outcome.mfa, amr: person.amr },
        oidc: { providerId: provider.id, mfa: outcome.mfa },
      });
      return reply.redirect(
        secondFactorPending ? `/sign-in/two-factor?next=${encodeURIComponent(flow.next)}` : safeNext(flow.next),
        303,
      );
    });

    /** After sign-out of a session that came through a provider: offer that provider's own sign-out. */
    app.get('/signed-out', async (request, reply) => {
      const id = Number((request.query as Record<string, string | undefined>).provider);
      const provider = Number.isInteger(id) && id > 0 ? await findProvider(services.db, id) : undefined;
      let endSession: string | null = null;
      if (provider?.enabled) {
        endSession = await services.oidcClients
          .endSessionUrl(provider, `${baseUrl(request)}/sign-in`)
          .then((u) => u?.href ?? null)
          .catch(() => null);
      }
      return reply.view('pages/signed-out.njk', {
        title: 'You have signed out of Safer',
        provider: provider?.name,
        endSession,
      });
    });
  };
}
