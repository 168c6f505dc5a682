import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** The partnership's register settings: which register counts show on the overview (issue 20). */
export function registerSettingRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
