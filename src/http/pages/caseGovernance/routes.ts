import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** SCAFFOLD (issue 21, helper "caseGovernance" fills this in): need to know made visible (break glass and the chair's report) and subject requests (access, rectification, erasure). */
export function caseGovernanceRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
