import type { FastifyInstance } from 'fastify';
import { gapWords, type NeedRow, provisionMatrix } from '../../../registers/provision/provisionMatrix.ts';
import { MATRIX_METHOD, needWords, placesWords } from '../../../registers/provision/provisionWords.ts';
import type { Services } from '../../../services.ts';
import { provisionPageContext, serviceHref } from './provisionReader.ts';

const rowView = (row: NeedRow) => ({
  need: needWords(row.need),
  whatWorks: row.whatWorks.map((c) => ({
    href: serviceHref(c.id),
    name: c.name,
    rating: `${c.impact} impact${c.strength ? `, evidence ${c.strength}` : ''}`,
    source: c.source,
  })),
  current: row.current.map((c) => ({
    href: serviceHref(c.id),
    name: c.name,
    provider: c.provider,
    places: placesWords(c.capacity, c.caseload, c.percentFull),
    full: c.full,
  })),
  gaps: row.gaps.map((g) => ({
    text: gapWords(g),
    services: g.kind === 'at-capacity' ? g.services.map((s) => ({ href: serviceHref(s.id), name: s.name })) : [],
  })),
});

/** /provision: what works, current provision and gaps, need by need (seed 000's table, from the register). */
export function matrixPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/provision', async (request, reply) => {
      const ctx = await provisionPageContext(services, request);
      const rows = provisionMatrix(ctx.services, ctx.needs, ctx.wards);
      return reply.view('pages/provision/matrix.njk', {
        title: 'Provision map: what works, current provision and gaps',
        marking: ctx.marking,
        serviceCount: ctx.services.length,
        needsWithGaps: rows.filter((r) => r.gaps.length > 0).length,
        needCount: rows.length,
        rows: rows.map(rowView),
        mayWrite: ctx.mayWrite,
        method: MATRIX_METHOD,
      });
    });
  };
}
