import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** The provision map: what works / current provision / gaps, coverage against need, funding cliff (issue 20). */
export function provisionRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
