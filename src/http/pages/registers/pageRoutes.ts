import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** Register pages: list, form, record, history, drafts, readership (issue 20). */
export function registerPageRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
