import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** Boards, meetings, agendas, minutes, decisions and actions arising (issue 19). */
export function governanceRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
