import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { newReferralPage } from './newReferralPage.ts';
import { referralListPage } from './referralListPage.ts';
import { referralPage } from './referralPage.ts';

/** Referrals and triage (issue 21): the referral form with lawful basis and consent, the triage queues, one referral. */
export function referralRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(newReferralPage(services));
    await app.register(referralListPage(services));
    await app.register(referralPage(services));
  };
}
