import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const csrfRejected = () =>
  new HttpError(
    403,
    'CSRF',
    'The form has expired or did not come from Safer. Go back, reload the page and try again.',
  );

export function tokensMatch(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Synchronizer-token CSRF check for every form post: the hidden `_csrf` field
 * must equal the token held with the session (or, before sign-in, the HMAC of
 * the pre-session cookie). The API is exempt because it only accepts bearer
 * tokens, never cookies. Multipart uploads are checked by the upload route
 * as the stream arrives (the token field comes before the file).
 */
export function setUpCsrf(app: FastifyInstance): void {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (!UNSAFE.has(request.method) || request.url.startsWith('/api/')) return;
    if (request.isMultipart()) return;
    const body = request.body as Record<string, unknown> | undefined;
    if (!tokensMatch(request.csrfToken, body?._csrf)) throw csrfRejected();
  });
}
