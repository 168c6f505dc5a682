import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AnalysisError } from '../../../analysis/figure.ts';
import { DIMENSIONS, SOURCES, type AnalysisRequestInput } from '../../../analysis/request.ts';
import { analyseFor } from '../../../release/analyseFor.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { parseWith, requireToken } from '../../guards.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The query string of GET /api/v1/analysis: the CLI's options, one parameter each. Unknown parameters are refused, not ignored. */
export const AnalysisQuery = z
  .object({
    definition: text(80).optional(),
    category: text(120).optional(),
    area: text(120),
    period: text(60),
    compare: text(60).optional(),
    baseline: text(60).optional(),
    by: z.enum(DIMENSIONS).optional(),
    source: z.enum(SOURCES).optional(),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
      .optional(),
    confidence: z.coerce.number().gt(0).lt(1).optional(),
    cellSize: z.coerce.number().positive().max(5000).optional(),
    reference: text(60).optional(),
  })
  .strict()
  .refine((q) => (q.definition === undefined) !== (q.category === undefined), {
    message: 'give exactly one of definition or category',
    path: ['definition'],
  });

/**
 * How each AnalysisError reaches a program. NO_DATA is 422: the request is
 * valid and names a definition and area that exist, but no source this token
 * holder may use holds the period; 404 stays for things that do not exist.
 */
export const ANALYSIS_ERROR_STATUS: Record<AnalysisError['code'], number> = {
  INVALID: 400,
  UNSUPPORTED: 400,
  NOT_FOUND: 404,
  NO_DATA: 422,
};

/** GET /api/v1/analysis: exactly the JSON `safer analyse --format json` prints, with disclosure control (docs/decisions/0003). */
export function analysisRoute(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/analysis', async (request) => {
      const actor = requireToken(request, 'read');
      const query = parseWith(AnalysisQuery, request.query ?? {});
      const input: AnalysisRequestInput = Object.fromEntries(
        Object.entries(query).filter(([, v]) => v !== undefined),
      ) as AnalysisRequestInput;
      try {
        return await analyseFor(services, actor, input, 'api', { ip: request.ip });
      } catch (error) {
        if (error instanceof AnalysisError)
          throw new HttpError(ANALYSIS_ERROR_STATUS[error.code], error.code, error.message);
        throw error;
      }
    });
  };
}
