import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { dashboardRequest } from './sections.ts';

// PLACEHOLDER while the page is built in parallel: replaced by the real page.
export function trendsRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/dashboard/trends', async (request, reply) => {
      const page = await dashboardRequest(services, request);
      return reply.view('pages/dashboard/placeholder.njk', page.context('/dashboard/trends', { title: 'Trends' }));
    });
  };
}
