import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { caseGovernanceRoutes } from '../caseGovernance/routes.ts';
import { panelRoutes } from '../panels/routes.ts';
import { referralRoutes } from '../referrals/routes.ts';
import { screeningRoutes } from '../screening/routes.ts';

/** Screening, referrals, panels and cases (issue 21): every page behind need to know (src/panels/access). */
export function caseworkRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(screeningRoutes(services));
    await app.register(referralRoutes(services));
    await app.register(panelRoutes(services));
    await app.register(caseGovernanceRoutes(services));
  };
}
