import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** Plans, their items, imports' review, my actions and the overdue list (issue 19). */
export function plansRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
