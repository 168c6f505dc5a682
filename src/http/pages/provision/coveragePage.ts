import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatRate } from '../../../charts/svg.ts';
import { COVERAGE_ORDER_RULE, coverageGaps } from '../../../registers/provision/coverageGaps.ts';
import { needWords } from '../../../registers/provision/provisionWords.ts';
import type { Services } from '../../../services.ts';
import { badRequest } from '../../errors.ts';
import { provisionPageContext, serviceHref } from './provisionReader.ts';
import { wardNeed, withServiceCounts } from './wardNeed.ts';

const CoverageQuery = z.object({ need: z.string().max(100).optional() });

/** /provision/coverage: each ward's serious-violence rate against the services covering it, gaps first. */
export function coveragePage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/provision/coverage', async (request, reply) => {
      const ctx = await provisionPageContext(services, request);
      const parsed = CoverageQuery.safeParse(request.query);
      const chosen = parsed.success && parsed.data.need ? parsed.data.need : '';
      // Services meeting one need, or every service; a need not in the register's vocabulary is a bad request.
      if (!parsed.success || (chosen !== '' && !ctx.needs.includes(chosen)))
        throw badRequest(`need: choose one of ${ctx.needs.join(', ')}`);
      const meeting = chosen === '' ? ctx.services : ctx.services.filter((s) => s.needs.includes(chosen));
      const need = await wardNeed(services, ctx.actor, ctx.wards);
      const rows = coverageGaps(need.wards, meeting);
      const covering = new Map(rows.map((r) => [r.code, r.services.length]));
      return reply.view('pages/provision/coverage.njk', {
        title: 'Provision map: coverage against need',
        marking: ctx.marking,
        need,
        rule: COVERAGE_ORDER_RULE,
        chosenNeed: chosen === '' ? null : needWords(chosen),
        needItems: [
          { value: '', text: 'Every need', selected: chosen === '' },
          ...ctx.needs.map((n) => ({ value: n, text: needWords(n), selected: n === chosen })),
        ],
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
