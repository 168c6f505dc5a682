import type { FastifyRequest } from 'fastify';
import { deliveryVersion } from '../../../delivery/deliveryVersion.ts';
import { panelFactsVersion } from '../../../panels/counts/panelCountPort.ts';
import { performanceVersion } from '../../../performance/store/performanceVersion.ts';
import { registerVersion } from '../../../registers/counts/registerVersion.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';

/**
 * The page cache's extra key for delivery pages written for one person (their actions; a thread whose restricted
 * boards' decisions they may or may not read): any change to plans, meetings or lineage, any accepted return
 * (indicators' movement), any register change (indicators computed from a register), the day (overdue) and who is reading. The data version is in every key already.
 */
export const personalPageKey = (services: Services) => async (request: FastifyRequest) =>
  [
    await deliveryVersion(services.db),
    await performanceVersion(services.db),
    // Indicators computed from a register move with its entries (issue 20).
    await registerVersion(services.db),
    // And indicators computed from the anonymous panel counts with each new fact (issue 21).
    await panelFactsVersion(services.db),
    services.now().toISOString().slice(0, 10),
    `u${requireActor(request).id}`,
  ].join('|');
