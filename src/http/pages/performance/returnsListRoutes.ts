import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PerformanceError } from '../../../performance/performanceError.ts';
import { listReturns, type ReturnSummary } from '../../../performance/returns/returnQueries.ts';
import { openQuarter } from '../../../performance/returns/returnStore.ts';
import { currentIndicators } from '../../../performance/store/indicatorStore.ts';
import { canOpenQuarter, isReturnChecker } from '../../../performance/store/performancePolicy.ts';
import type { Services } from '../../../services.ts';
import { forbidden } from '../../errors.ts';
import { requireActor } from '../../guards.ts';
import { requirePerformanceReader } from './performanceReader.ts';
import { formErrors } from './performanceWords.ts';
import { lastEndedQuarter, quarterChoices, readQuarter } from './quarters.ts';
import { statusTag } from './returnWords.ts';

const ListQuery = z.object({ quarter: z.string().max(20).optional().catch(undefined) });

const rowOf = (r: ReturnSummary) => ({ ...r, tag: statusTag(r.status) });

/**
 * Returns: the checkers' overview of a quarter (every agency, late ones flagged), or an agency's own returns,
 * and the manager's "Open a quarter" form. Administrators run the service and see no partner figures.
 */
export function returnsListRoutes(services: Services) {
  async function page(actor: NonNullable<ReturnType<typeof requireActor>>, quarterText: string | undefined) {
    const checker = isReturnChecker(actor);
    const { quarters, latest } = await quarterChoices(services.db, services.now());
    const quarter = (quarterText && readQuarter(quarterText)) || latest;
    const returns = checker
      ? await listReturns(services.db, { quarter })
      : await listReturns(services.db, { agencies: [actor.agency] });
    return {
      title: checker ? `Returns for ${quarter}` : 'Your agency’s returns',
      checker,
      quarter,
      quarterItems: quarters.map((q) => ({ value: q, text: q, selected: q === quarter })),
      returns: returns.map(rowOf),
      lateCount: returns.filter((r) => r.late).length,
      mayOpen: canOpenQuarter(actor),
    };
  }

  return async function routes(app: FastifyInstance) {
    app.get('/performance/returns', async (request, reply) => {
      const actor = requirePerformanceReader(request);
      const { quarter } = ListQuery.parse(request.query ?? {});
      const open = { quarter: lastEndedQuarter(services.now()), dueOn: '' };
      return reply.view('pages/performance/returns.njk', { ...(await page(actor, quarter)), open, ...formErrors([]) });
    });

    app.post('/performance/returns/open', async (request, reply) => {
      const actor = requireActor(request);
      if (!canOpenQuarter(actor)) throw forbidden();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const open = { quarter: String(body.quarter ?? '').trim(), dueOn: String(body.dueOn ?? '').trim() };
      await services.indicatorSet();
      const indicators = (await currentIndicators(services.db)).map((s) => s.indicator);
      try {
        await openQuarter(services.db, actor, { ...open, indicators });
      } catch (error) {
        if (!(error instanceof PerformanceError) || error.code !== 'VALIDATION') throw error;
        // The quarter input has its own id: a checker's page also has the quarter filter.
        const problems = (
          error.problems.length > 0 ? error.problems : [{ field: 'quarter', message: error.message }]
        ).map((p) => ({ ...p, field: p.field === 'quarter' ? 'quarter-to-open' : p.field }));
        return reply
          .status(400)
          .view('pages/performance/returns.njk', { ...(await page(actor, undefined)), open, ...formErrors(problems) });
      }
      return reply.redirect(`/performance/returns?quarter=${encodeURIComponent(readQuarter(open.quarter) ?? '')}`, 303);
    });
  };
}
