import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  PANEL_DIMENSIONS,
  PANEL_MEASURE_IDS,
  PANEL_PERIODS,
  type PanelCounts,
  type PanelDimension,
  type PanelMeasure,
  panelCounts,
} from '../../../panels/counts/panelCounts.ts';
import type { Services } from '../../../services.ts';
import { HttpError, notFound } from '../../errors.ts';
import { parseWith, requireToken } from '../../guards.ts';

/*
 * The panels' JSON API (issue 21). GET /api/v1/panels/counts: the anonymous counts (src/panels/counts), released
 * with small counts suppressed, for any token with read scope: they hold no case and no person. GET
 * /api/v1/cases/{id}: always 404, whoever holds the token and whether or not the case exists (decision 0017: API
 * tokens never read case content; a case is read in the browser, through need to know and the audit log).
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'give a date as YYYY-MM-DD');
const CountsQuery = z
  .object({
    measure: z.enum(PANEL_MEASURE_IDS as [PanelMeasure, ...PanelMeasure[]], {
      message: `one of ${PANEL_MEASURE_IDS.join(', ')}`,
    }),
    period: z.enum(PANEL_PERIODS, { message: `one of ${PANEL_PERIODS.join(', ')}` }).default('quarter'),
    by: z
      .enum(PANEL_DIMENSIONS as [PanelDimension, ...PanelDimension[]], {
        message: `one of ${PANEL_DIMENSIONS.join(', ')}`,
      })
      .default('none'),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    panel: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'a panel id, e.g. marac')
      .max(80)
      .optional(),
  })
  .strict();

/** The first day of the month eleven months before `today`'s: the default is the last twelve months. */
const yearBefore = (today: string): string => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
};

export function presentPanelCounts(c: PanelCounts) {
  return {
    measure: c.measure,
    label: c.label,
    from: c.query.from,
    to: c.query.to,
    period: c.query.period,
    by: c.query.by,
    panel: c.query.panel ?? null,
    suppression: c.rule?.description ?? null,
    periods: c.periods,
    categories: c.categories,
    cells: c.cells.map((x) => ({
      period: x.period,
      category: x.category,
      value: x.value,
      shown: x.shown,
      suppressed: x.suppressed,
      ...(x.denominator === null
        ? {}
        : { numerator: x.numerator, denominator: x.denominator, lower: x.lower, upper: x.upper }),
    })),
    periodTotals: c.periodTotals,
    total: c.total,
  };
}

export function panelsApiRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/panels/counts', async (request) => {
      requireToken(request, 'read');
      const q = parseWith(CountsQuery, request.query ?? {});
      const today = services.now().toISOString().slice(0, 10);
      const from = q.from ?? yearBefore(today);
      const to = q.to ?? today;
      if (from > to) throw new HttpError(400, 'VALIDATION', `from (${from}) is after to (${to})`);
      if (q.panel !== undefined && !(await services.panels()).get(q.panel)) throw notFound(`Panel "${q.panel}"`);
      const counts = await panelCounts(services.db, {
        measure: q.measure,
        period: q.period,
        by: q.by,
        from,
        to,
        panel: q.panel,
        suppress: true,
      });
      return presentPanelCounts(counts);
    });

    // Whatever the id and whoever holds the token: tokens never read case content (decision 0017).
    app.get('/cases/:id', async (request) => {
      requireToken(request, 'read');
      throw notFound('Case');
    });
  };
}
