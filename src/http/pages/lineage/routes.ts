import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** The thread from a finding to a decision, and the gaps in it (issue 19). */
export function lineageRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
