import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** SCAFFOLD (issue 21, helper "screening" fills this in): screening (the questionnaire, the result with its reasons, confirm or override). */
export function screeningRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
