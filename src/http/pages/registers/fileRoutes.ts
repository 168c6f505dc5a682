import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** Register imports and exports from the pages: template, upload, download (issue 20). */
export function registerFileRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
