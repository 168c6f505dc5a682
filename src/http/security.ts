import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';

/**
 * Security headers on every response. The CSP allows only this origin: no
 * inline script or style (govuk-frontend's "js-enabled" snippet lives in a
 * file instead), no framing, no plugins.
 */
export function setUpWebSecurity(app: FastifyInstance, services: Services): void {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (services.config.env === 'production')
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Pages and API answers can hold partnership data: never keep them in shared caches.
    if (!request.url.startsWith('/assets/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
