import { z } from 'zod';

/** The dimensions a figure can be broken down by. 'none' gives the headline figure with benchmark and change. */
export const DIMENSIONS = [
  'none',
  'month',
  'quarter',
  'financial-year',
  'category',
  'borough',
  'ward',
  'lsoa',
  'rank',
  'hour-weekday',
  'hour',
  'weekday',
  'after-school',
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
  'victim-suspect-overlap',
  'repeat-victimisation',
  'outcome',
  'ethnicity',
  'age',
  'sex',
  'object',
  'grid',
  'kde',
  'cost',
  'emerging-hotspots',
  'near-repeat',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Where counts come from; chosen automatically unless asked for. */
export const SOURCES = [
  'mps-borough',
  'mps-ward',
  'mps-lsoa',
  'mps-dashboard',
  'mps-vawg-offences',
  'police-uk-street',
  'police-uk-stop-search',
  'partner-police',
] as const;
export type SourceId = (typeof SOURCES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD');

/**
 * One analysis request, as the CLI and the API both receive it. Exactly one of
 * `definition` and `category` says what is counted.
 */
export const AnalysisRequest = z
  .object({
    definition: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
    area: z.string().min(1),
    period: z.string().min(1),
    compare: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
    by: z.enum(DIMENSIONS).default('none'),
    source: z.enum(SOURCES).optional(),
    asOf: isoDate.optional(),
    /** 0.95 by default; 0.998 for the Fingertips second tier. */
    confidence: z.number().gt(0).lt(1).default(0.95),
    /** Cell size in metres for grid hotspots, density surfaces and emerging hotspots. */
    cellSize: z.number().positive().max(5000).default(250),
    /** Reference group for disproportionality ratios: 'rest' (everyone else) or a group, e.g. 'white'. */
    reference: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => (r.definition === undefined) !== (r.category === undefined), {
    message: 'give exactly one of definition or category',
  });
export type AnalysisRequest = z.infer<typeof AnalysisRequest>;
export type AnalysisRequestInput = z.input<typeof AnalysisRequest>;
