import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** SCAFFOLD (issue 21, helper "panels" fills this in): panels, their members and meetings, agendas, cases (record, preparation, actions, outcome, closure), my cases. */
export function panelRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
