import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { breakGlassPages } from './breakGlassPages.ts';
import { caseSearchPage } from './caseSearchPage.ts';
import { subjectRequestPages } from './subjectRequestPages.ts';

/** Need to know made visible (break glass, the chair's report, search) and subject requests (issue 21). */
export function caseGovernanceRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(breakGlassPages(services));
    await app.register(caseSearchPage(services));
    await app.register(subjectRequestPages(services));
  };
}
