import { z } from 'zod';
import { AGENCY_KINDS } from '../auth/policy.ts';
import { ClassificationId } from '../domain/definitions/definitionSchema.ts';
import { PANEL_MEASURE_IDS, type PanelMeasure } from '../panels/counts/panelMeasures.ts';

/**
 * One partnership performance indicator, as the files in indicators/ hold it
 * (indicators/README.md). The schema checks each file on its own; whether the
 * theme, the definition and the category exist is the loader's job, because
 * those live in other files the schema should not read.
 */

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

/** The seeded agency codes (migration 0006): the agency that owns an indicator is the one whose users will submit its returns. */
export const AgencyCode = z.enum(AGENCY_KINDS);
export type AgencyCode = z.infer<typeof AgencyCode>;

export const Unit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count') }).strict(),
  z
    .object({
      kind: z.literal('rate'),
      /** Per 1,000 people is the partnership's usual rate; youth justice publishes first-time entrants per 100,000. */
      per: z.union([z.literal(1000), z.literal(100000)]),
      /** Who the rate is per: 'residents', 'young people aged 10–17'. */
      population: z.string().min(1),
    })
    .strict(),
  z.object({ kind: z.literal('percentage'), numerator: z.string().min(1), denominator: z.string().min(1) }).strict(),
]);
export type Unit = z.infer<typeof Unit>;

export const Polarity = z.enum(['higher-is-better', 'lower-is-better', 'neither']);
export type Polarity = z.infer<typeof Polarity>;

export const PeriodType = z.enum(['financial-year', 'october-september', 'quarter', 'rolling-12-months']);
export type PeriodType = z.infer<typeof PeriodType>;

/** Amber when the result misses the target by no more than this; written down so a RAG colour can be explained. */
export const Tolerance = z
  .object({
    amberWithinPercent: z.number().positive().max(100),
    /** The band in words, as the pack will print it: 'amber within 5% of the target'. */
    text: z.string().min(1),
  })
  .strict();

export const Target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('value'), value: z.number().finite(), tolerance: Tolerance }).strict(),
  z
    .object({
      kind: z.literal('change'),
      /** Signed: -10 is a 10% reduction. */
      percent: z.number().finite(),
      against: z.enum(['baseline', 'previous']),
      tolerance: Tolerance,
    })
    .strict(),
]);
export type Target = z.infer<typeof Target>;

/** A category of one offence classification, as the offence catalogue lists it. */
export const IndicatorCategory = z
  .object({ classification: ClassificationId, major: z.string().min(1), minor: z.string().min(1).optional() })
  .strict();
export type IndicatorCategory = z.infer<typeof IndicatorCategory>;

const Computed = z
  .object({
    kind: z.literal('computed'),
    definition: kebabId.optional(),
    category: IndicatorCategory.optional(),
    /** The imported dataset the figure engine counts it from, when it matters (e.g. 'MPS borough files'). */
    source: z.string().min(1).optional(),
    /** A register measure (registers/<register>.json `measures`), counted per period like any other source (issue 20). */
    register: z.object({ register: kebabId, measure: kebabId }).strict().optional(),
    /** A panel measure from the anonymous panel counts (src/panels/counts), optionally of one panel (issue 21). */
    panel: z
      .object({ measure: z.enum(PANEL_MEASURE_IDS as [PanelMeasure, ...PanelMeasure[]]), panel: kebabId.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => [s.definition, s.category, s.register, s.panel].filter((x) => x !== undefined).length === 1, {
    message: 'a computed indicator names exactly one of definition, category, register or panel',
    path: ['definition'],
  });
const Returned = z
  .object({
    kind: z.literal('returned'),
    /** What the lead agency submits and from which system, in its words. */
    description: z.string().min(1),
  })
  .strict();
export const IndicatorSource = z.discriminatedUnion('kind', [Computed, Returned]);
export type IndicatorSource = z.infer<typeof IndicatorSource>;

export const Indicator = z
  .object({
    id: kebabId,
    version: z.number().int().positive(),
    name: z.string().min(1),
    theme: kebabId,
    leadAgency: AgencyCode,
    subgroup: z.string().min(1),
    unit: Unit,
    polarity: Polarity,
    periodType: PeriodType,
    /** A period label parsePeriod reads ('SA 2011/12', '2015/16'); the loader parses it. */
    baseline: z.string().min(1).optional(),
    target: Target,
    source: IndicatorSource,
    /** Where it comes from: the seed or document and the table or section. */
    citation: z.string().min(1),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((i, ctx) => {
    if (i.target.kind === 'change' && i.target.against === 'baseline' && i.baseline === undefined)
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'a target against the baseline needs a baseline' });
    if (i.unit.kind === 'percentage' && i.target.kind === 'value' && (i.target.value < 0 || i.target.value > 100))
      ctx.addIssue({ code: 'custom', path: ['target', 'value'], message: 'a percentage target lies in 0–100' });
  });
export type Indicator = z.infer<typeof Indicator>;

/** A theme of the partnership's framework (indicators/themes.json). */
export const Theme = z
  .object({ id: kebabId, name: z.string().min(1), order: z.number().int(), citation: z.string().min(1) })
  .strict();
export type Theme = z.infer<typeof Theme>;

/** indicators/themes.json: the themes, in the order the pack prints them. */
export const ThemesFile = z.object({ themes: z.array(Theme).min(1) }).strict();

/** An indicators/<theme>.json file: the indicators of one theme, every version. */
export const IndicatorFile = z.object({ indicators: z.array(Indicator).min(1) }).strict();
