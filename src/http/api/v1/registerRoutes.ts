import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** The registers in the JSON API: registers, entries, counts, through the same rights as the pages (issue 20). */
export function registerApiRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
