import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { newScreeningPage } from './newScreeningPage.ts';
import { screeningPages } from './screeningPages.ts';

/** Screening (issue 21): the tools and recent screenings, the questionnaire, the result with its reasons, confirm or override. */
export function screeningRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(newScreeningPage(services));
    await app.register(screeningPages(services));
  };
}
