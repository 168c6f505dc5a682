import type { FastifyInstance } from 'fastify';
import { fundingCliff } from '../../../registers/provision/fundingCliff.ts';
import type { Services } from '../../../services.ts';
import { provisionPageContext, serviceHref } from './provisionReader.ts';

const dayWords = (days: number): string =>
  days < 0
    ? `ended ${-days} day${days === -1 ? '' : 's'} ago`
    : days === 0
      ? 'ends today'
      : `${days} day${days === 1 ? '' : 's'} left`;

/** /provision/funding: services whose funding ends within six months, or has ended, soonest first. */
export function fundingPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/provision/funding', async (request, reply) => {
      const ctx = await provisionPageContext(services, request);
      const cliff = fundingCliff(ctx.services, ctx.today);
      return reply.view('pages/provision/funding.njk', {
        title: 'Provision map: funding cliff',
        marking: ctx.marking,
        cliff,
        rows: cliff.rows.map((r) => ({
          ...r,
          href: serviceHref(r.id),
          when: dayWords(r.daysLeft),
          capacityText: r.capacity === null ? 'Not recorded' : String(r.capacity),
          caseloadText: r.caseload === null ? 'Not recorded' : String(r.caseload),
        })),
        endedCount: cliff.rows.filter((r) => r.ended).length,
      });
    });
  };
}
