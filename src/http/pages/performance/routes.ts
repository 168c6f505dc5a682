import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { indicatorEditRoutes } from './indicatorEditRoutes.ts';
import { indicatorRoutes } from './indicatorRoutes.ts';
import { returnFileRoutes } from './returnFileRoutes.ts';
import { returnRoutes } from './returnRoutes.ts';
import { returnsListRoutes } from './returnsListRoutes.ts';
import { scorecardRoutes } from './scorecardRoutes.ts';

/** The Performance section (issue 18): scorecard, indicator pages and edits, partner returns and their files. */
export function performanceRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(scorecardRoutes(services));
    await app.register(indicatorRoutes(services));
    await app.register(indicatorEditRoutes(services));
    await app.register(returnsListRoutes(services));
    await app.register(returnRoutes(services));
    await app.register(returnFileRoutes(services));
  };
}
