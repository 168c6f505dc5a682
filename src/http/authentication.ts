import { createHmac } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findTokenHolder, type TokenScope } from '../auth/apiTokens.ts';
import type { Actor } from '../auth/policy.ts';
import { findSession, randomToken, type ActiveSession } from '../auth/sessions.ts';
import { actorOf } from '../auth/users.ts';
import { recordAuditAlone } from '../audit/auditTogether.ts';
import type { Services } from '../services.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser's session, when it has one (possibly still waiting for its second factor). */
    session: ActiveSession | null;
    /** Who is asking, once fully signed in (session) or holding a live API token. */
    actor: Actor | null;
    /** The API token's scope; null for browser sessions. */
    tokenScope: TokenScope | null;
    /** The CSRF token the page's forms must send back. */
    csrfToken: string | undefined;
  }
}

export interface CookieNames {
  session: string;
  preSession: string;
}

/** `__Host-` cookies cannot be set by a sibling subdomain or over plain HTTP: used whenever cookies are Secure. */
export const cookieNames = (secure: boolean): CookieNames =>
  secure
    ? { session: '__Host-safer_session', preSession: '__Host-safer_presession' }
    : { session: 'safer_session', preSession: 'safer_presession' };

const skipsAuthentication = (url: string) =>
  url.startsWith('/assets/') || url === '/health' || url === '/favicon.ico' || url === '/api/v1/openapi.json';

export async function setUpAuthentication(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifyCookie);
  const names = cookieNames(services.secureCookies);
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('tokenScope', null);
  app.decorateRequest('csrfToken', undefined);

  app.addHook('onRequest', async (request, reply) => {
    if (skipsAuthentication(request.url)) return;
    if (request.url.startsWith('/api/')) {
      // The API takes bearer tokens only and ignores cookies, so a browser session cannot be ridden cross-site.
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) return;
      const holder = await findTokenHolder(services.db, match[1]!, services.now());
      if (holder) {
        request.actor = actorOf(holder.user);
        request.tokenScope = holder.scope;
      }
      return;
    }
    const cookieValue = request.cookies[names.session];
    if (cookieValue) {
      const found = await findSession(services.db, cookieValue, services.now(), services.sessionLimits);
      if (found.status === 'active') {
        request.session = found.session;
        request.csrfToken = found.session.csrfToken;
        if (!found.session.secondFactorPending) request.actor = actorOf(found.session.user);
        return;
      }
      clearSessionCookie(reply, services);
      if (found.status === 'expired') {
        await recordAuditAlone(
          services.db,
          {
            action: 'session.expired',
            actor: { userId: found.userId, email: found.email, agency: found.agency },
            subjectType: 'user',
            subjectId: found.userId,
            ip: request.ip,
          },
          services.now(),
        );
      }
    }
    const pre = request.cookies[names.preSession];
    if (pre) request.csrfToken = preSessionCsrf(services, pre);
  });
}

/** Before sign-in there is no session to hold a token, so the form's token is an HMAC of a random pre-session cookie. */
export function preSessionCsrf(services: Services, cookieValue: string): string {
  return createHmac('sha256', services.signingKey).update(`csrf:${cookieValue}`).digest('base64url');
}

/** Makes sure an anonymous browser has a pre-session cookie, and returns the CSRF token for its forms. */
export function ensurePreSession(request: FastifyRequest, reply: FastifyReply, services: Services): string {
  if (request.csrfToken) return request.csrfToken;
  const value = randomToken();
  reply.setCookie(cookieNames(services.secureCookies).preSession, value, cookieOptions(services, 3600));
  request.csrfToken = preSessionCsrf(services, value);
  return request.csrfToken;
}

export function cookieOptions(services: Services, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    secure: services.secureCookies,
    sameSite: 'lax' as const,
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function setSessionCookie(reply: FastifyReply, services: Services, value: string): void {
  const names = cookieNames(services.secureCookies);
  reply.setCookie(names.session, value, cookieOptions(services, services.sessionLimits.absoluteHours * 3600));
  reply.clearCookie(names.preSession, cookieOptions(services));
}

export function clearSessionCookie(reply: FastifyReply, services: Services): void {
  reply.clearCookie(cookieNames(services.secureCookies).session, cookieOptions(services));
}
