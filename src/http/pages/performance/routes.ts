import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { indicatorEditRoutes } from './indicatorEditRoutes.ts';
import { indicatorRoutes } from './indicatorRoutes.ts';
import { packRoutes } from './packRoutes.ts';
import { returnFileRoutes } from './returnFileRoutes.ts';
import { returnRoutes } from './returnRoutes.ts';
import { returnsListRoutes } from './returnsListRoutes.ts';
import { scorecardRoutes } from './scorecardRoutes.ts';

/** The section's own rules, kept beside its templates; the CSP forbids inline styles. */
const PERFORMANCE_CSS = readFileSync(resolve(import.meta.dirname, '../../../views/pages/performance/performance.css'));

/** The Performance section (issue 18): scorecard, indicator pages and edits, partner returns and their files. */
export function performanceRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/performance/performance.css', { config: { rateLimit: false } }, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(PERFORMANCE_CSS),
    );
    await app.register(scorecardRoutes(services));
    await app.register(indicatorRoutes(services));
    await app.register(indicatorEditRoutes(services));
    await app.register(returnsListRoutes(services));
    await app.register(returnRoutes(services));
    await app.register(returnFileRoutes(services));
    await app.register(packRoutes(services));
  };
}
