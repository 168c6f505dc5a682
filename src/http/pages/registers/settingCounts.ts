import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Chart } from '../../../charts/chart.ts';
import { columnChart } from '../../../charts/columnChart.ts';
import { lineChart } from '../../../charts/lineChart.ts';
import { addMonths } from '../../../domain/periods/month.ts';
import { COUNT_BREAKDOWNS, type RegisterCounts, registerCounts } from '../../../registers/counts/registerCounts.ts';
import { marking } from '../../../registers/registerPolicy.ts';
import { RegisterRefusedError } from '../../../registers/registerErrors.ts';
import type { Services } from '../../../services.ts';
import { HttpError, notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { cachedPage, type PageView, pageView } from '../dashboard/cachedPage.ts';
import { registerValuesKey } from '../performance/registerSources.ts';

const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional().or(z.literal('').transform(() => undefined));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'enter a date as YYYY-MM-DD');

const CountsQuery = z.object({
  measure: optional(z.string().regex(/^[a-z][a-z0-9-]*$/, 'choose a measure from the list')),
  by: optional(z.enum(COUNT_BREAKDOWNS)),
  from: optional(date),
  to: optional(date),
});

export const BY_TEXT: Record<(typeof COUNT_BREAKDOWNS)[number], string> = {
  none: 'No breakdown (total)',
  month: 'Month',
  quarter: 'Financial quarter',
  'financial-year': 'Financial year',
  ward: 'Ward',
  lsoa: 'LSOA',
};

/** The counts as a chart: a line over time for months, quarters and years; bars for areas; suppressed points are gaps. */
function countsChart(c: RegisterCounts): Chart | null {
  if (c.rows.length === 0) return null;
  const what = c.measure.label;
  const by = BY_TEXT[c.query.by];
  const span = `${c.query.from} to ${c.query.to}`;
  const shown = c.rows.filter((r) => r.value !== null);
  const withheld = c.rows.length - shown.length;
  const description = `${what}, ${span}, by ${by.toLowerCase()}: ${c.rows.map((r) => `${r.label} ${r.shown}`).join('; ')}. Total ${c.total.shown}.${withheld > 0 ? ` ${withheld} values withheld (${c.rule?.description}).` : ''}`;
  const common = { id: 'register-counts', title: `${what} by ${by.toLowerCase()}, ${span}`, description };
  if (c.query.by === 'month' || c.query.by === 'quarter' || c.query.by === 'financial-year')
    return lineChart({
      ...common,
      xLabel: by,
      yLabel: what,
      series: [
        {
          name: what,
          points: c.rows.map((r) => ({
            label: r.label,
            value: r.value,
            missing: r.suppressed ? 'suppressed' : 'no data',
          })),
        },
      ],
      valueFormat: 'count',
    });
  return columnChart({
    ...common,
    xLabel: by,
    yLabel: what,
    bars: c.rows.map((r) => ({ label: r.label, value: r.value, missing: 'suppressed' })),
    valueFormat: 'count',
  });
}

/** GET /registers/:id/counts: a register measure by period or area, as a chart and a table, with choosers. */
export function registerCountsPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    // Counts follow from the entries, the reader's rights on each register and (for the default dates) the day:
    // served from the page cache until one of them changes (bench/registers: 50 readers at once).
    app.get(
      '/registers/:id/counts',
      cachedPage(services, async (request) => countsView(services, request), {
        alsoDependsOn: async (request) =>
          `${await registerValuesKey(services, requireActor(request))}|${services.now().toISOString().slice(0, 10)}`,
      }),
    );
  };
}

/** The counts page for one request: a measure by period or area, as this reader may see it. */
async function countsView(services: Services, request: FastifyRequest): Promise<PageView> {
  const actor = requireActor(request);
  const { id } = parseWith(z.object({ id: z.string().max(80) }), request.params);
  const register = (await services.registers()).get(id);
  if (!register) throw notFound('Register');
  const q = parseWith(CountsQuery, request.query);
  const measureId = q.measure ?? register.measures[0]!.id;
  if (!register.measures.some((m) => m.id === measureId))
    throw new HttpError(400, 'VALIDATION', `measure: ${register.name} has no measure "${measureId}"`);
  const today = services.now().toISOString().slice(0, 10);
  const query = {
    from: q.from ?? `${addMonths(today.slice(0, 7), -11)}-01`,
    to: q.to ?? today,
    by: q.by ?? 'month',
  };
  if (query.to < query.from) throw new HttpError(400, 'VALIDATION', 'to: the last day is before the first');
  let counts: RegisterCounts;
  try {
    counts = await registerCounts(services.db, actor, register, measureId, query);
  } catch (error) {
    if (error instanceof RegisterRefusedError) throw new HttpError(403, 'FORBIDDEN', error.message);
    throw error;
  }
  return pageView('pages/registers/setting-counts.njk', {
    title: `${register.name}: counts`,
    register,
    marking: marking(register),
    counts,
    chart: countsChart(counts),
    query: counts.query,
    measures: register.measures.map((m) => ({ value: m.id, text: m.label, selected: m.id === measureId })),
    breakdowns: COUNT_BREAKDOWNS.map((b) => ({ value: b, text: BY_TEXT[b], selected: b === query.by })),
  });
}
