import type { FastifyRequest } from 'fastify';
import type { TokenScope } from '../auth/apiTokens.ts';
import { scopeAllows } from '../auth/apiTokens.ts';
import type { Actor } from '../auth/policy.ts';
import { forbidden, HttpError, unauthenticated } from './errors.ts';

/** The signed-in person, or a 401 (pages redirect to sign-in). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** Deny unless the policy said yes. */
export function allow(decision: boolean): void {
  if (!decision) throw forbidden();
}

/** The API's check: a live token whose scope covers the action. */
export function requireToken(request: FastifyRequest, needed: TokenScope): Actor {
  if (!request.actor || !request.tokenScope)
    throw new HttpError(401, 'UNAUTHENTICATED', 'Send a valid API token as "Authorization: Bearer …"');
  if (!scopeAllows(request.tokenScope, needed))
    throw new HttpError(
      403,
      'INSUFFICIENT_SCOPE',
      `This token's scope is "${request.tokenScope}"; this needs "${needed}"`,
    );
  return request.actor;
}

/** Parses input with a zod schema; a failure is a 400 that names the field. */
export function parseWith<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new HttpError(
    400,
    'VALIDATION',
    first ? `${first.path.map(String).join('.') || 'input'}: ${first.message}` : 'invalid input',
  );
}
