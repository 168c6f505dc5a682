import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { coveragePage } from './coveragePage.ts';
import { fundingPage } from './fundingPage.ts';
import { matrixPage } from './matrixPage.ts';

/** The provision map: what works / current provision / gaps, coverage against need, funding cliff (issue 20). */
export function provisionRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(matrixPage(services));
    await app.register(coveragePage(services));
    await app.register(fundingPage(services));
  };
}
