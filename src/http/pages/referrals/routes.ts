import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** SCAFFOLD (issue 21, helper "referrals" fills this in): referrals and triage (the referral form with lawful basis and consent, the MASH and panel triage queues). */
export function referralRoutes(_services: Services) {
  return async function routes(_app: FastifyInstance) {};
}
