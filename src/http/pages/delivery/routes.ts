import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { importReviewPage } from './importReviewPage.ts';
import { itemPage } from './itemPage.ts';
import { myActionsPages } from './myActionsPages.ts';
import { planPages } from './planPages.ts';
import { planReportRoutes } from './planReportRoutes.ts';

/** The section's own rules, kept beside its templates; the CSP forbids inline styles. */
const DELIVERY_CSS = readFileSync(resolve(import.meta.dirname, '../../../views/pages/delivery/delivery.css'));

/** Plans, their items, imports' review, my actions and the overdue list (issue 19). */
export function plansRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/plans/delivery.css', { config: { rateLimit: false } }, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(DELIVERY_CSS),
    );
    await app.register(planPages(services));
    await app.register(itemPage(services));
    await app.register(importReviewPage(services));
    await app.register(myActionsPages(services));
    await app.register(planReportRoutes(services));
  };
}
