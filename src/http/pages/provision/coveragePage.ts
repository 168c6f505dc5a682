import type { FastifyInstance } from 'fastify';
import { formatRate } from '../../../charts/svg.ts';
import { COVERAGE_ORDER_RULE, coverageGaps } from '../../../registers/provision/coverageGaps.ts';
import type { Services } from '../../../services.ts';
import { provisionPageContext, serviceHref } from './provisionReader.ts';
import { wardNeed, withServiceCounts } from './wardNeed.ts';

/** /provision/coverage: each ward's serious-violence rate against the services covering it, gaps first. */
export function coveragePage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/provision/coverage', async (request, reply) => {
      const ctx = await provisionPageContext(services, request);
      const need = await wardNeed(services, ctx.actor, ctx.wards);
      const rows = coverageGaps(need.wards, ctx.services);
      const covering = new Map(rows.map((r) => [r.code, r.services.length]));
      return reply.view('pages/provision/coverage.njk', {
        title: 'Provision map: coverage against need',
        marking: ctx.marking,
        need,
        rule: COVERAGE_ORDER_RULE,
        map: need.map ? withServiceCounts(need.map, covering) : null,
        uncoveredHighNeed: rows.filter((r) => r.services.length === 0 && r.highNeed).length,
        rows: rows.map((r) => ({
          ...r,
          rateText: r.rate === null ? 'no rate' : formatRate(r.rate),
          ratePerServiceText: r.ratePerService === null ? '' : formatRate(r.ratePerService),
          services: r.services.map((s) => ({ href: serviceHref(s.id), name: s.name })),
        })),
      });
    });
  };
}
