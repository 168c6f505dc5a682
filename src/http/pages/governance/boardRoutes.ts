import type { FastifyInstance } from 'fastify';
import { canSeeGovernance } from '../../../governance/governancePolicy.ts';
import type { Services } from '../../../services.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { boardContext, boardsContext } from './boardPage.ts';
import { IdParams } from './governanceWords.ts';

/** The boards as a tree, and one board's page. Every signed-in person but administrators sees them. */
export function boardRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/boards', async (request, reply) => {
      const actor = requireActor(request);
      allow(canSeeGovernance(actor));
      return reply.view('pages/governance/boards.njk', await boardsContext(services, actor));
    });

    app.get('/boards/:id', async (request, reply) => {
      const actor = requireActor(request);
      allow(canSeeGovernance(actor));
      const { id } = parseWith(IdParams, request.params);
      return reply.view('pages/governance/board.njk', await boardContext(services, actor, id));
    });
  };
}
