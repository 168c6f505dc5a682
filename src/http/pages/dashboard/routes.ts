import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { explorerRoutes } from './explorer.ts';
import { overviewRoutes } from './overview.ts';
import { peopleRoutes } from './people.ts';
import { placesRoutes } from './places.ts';
import { timeRoutes } from './time.ts';
import { trendsRoutes } from './trends.ts';

/** The serious violence dashboard: one plugin per section (see sections.ts). */
export function dashboardRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(overviewRoutes(services));
    await app.register(trendsRoutes(services));
    await app.register(placesRoutes(services));
    await app.register(timeRoutes(services));
    await app.register(peopleRoutes(services));
    await app.register(explorerRoutes(services));
  };
}
