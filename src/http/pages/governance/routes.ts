import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { boardChangeRoutes } from './boardChangeRoutes.ts';
import { boardFormRoutes } from './boardFormRoutes.ts';
import { boardRoutes } from './boardRoutes.ts';
import { meetingChangeRoutes } from './meetingChangeRoutes.ts';
import { meetingRoutes } from './meetingRoutes.ts';

/** Boards, meetings, agendas, minutes, decisions and actions arising (issue 19). */
export function governanceRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(boardRoutes(services));
    await app.register(boardFormRoutes(services));
    await app.register(boardChangeRoutes(services));
    await app.register(meetingRoutes(services));
    await app.register(meetingChangeRoutes(services));
  };
}
