import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** SCAFFOLD (issue 21, helper "panelsApi" fills this in): the panels' JSON API (cases through need to know, anonymous counts). */
export function panelsApiRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
