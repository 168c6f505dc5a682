import { z } from 'zod';
import { DIMENSIONS, SOURCES } from '../../analysis/request.ts';

/*
 * A report template: versioned data (templates/*.json), like the serious-violence definitions. A report records
 * the template id and version it was made from, so a later template version never changes an existing report.
 */

const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens, starting with a letter');

/** What a figure counts: one serious-violence definition or one offence category, exactly one of the two. */
const Counted = z
  .object({ definition: z.string().min(1).optional(), category: z.string().min(1).optional() })
  .refine((c) => (c.definition === undefined) !== (c.category === undefined), {
    message: 'give exactly one of definition or category',
  });

/**
 * How a figure block is drawn, and so which analysis it asks for:
 * headline (count, rate with interval, change on the comparison period, benchmarks), table (any breakdown as a
 * table only), trend (monthly counts with SPC over `months` months to the period's end), ranking (the area among
 * London's boroughs), profile (a person breakdown as shares with intervals), map (wards or LSOAs), funnel (London's
 * boroughs' rates against their populations), heatmap (hour × weekday), comparison (several definitions or
 * categories as rates for the area, London and comparator boroughs in one table), provision (a table of the
 * partnership's provision map, from the services register through the `provision` port: the what works / current
 * provision / gaps matrix, or the funding cliff).
 */
export const VIEWS = [
  'headline',
  'table',
  'trend',
  'ranking',
  'profile',
  'map',
  'funnel',
  'heatmap',
  'comparison',
  'provision',
] as const;
export type View = (typeof VIEWS)[number];

/** The provision map's tables a report can show (src/registers/provision). */
export const PROVISION_TABLES = ['matrix', 'funding-cliff'] as const;
export type ProvisionTable = (typeof PROVISION_TABLES)[number];

const FigureBase = z.object({
  kind: z.literal('figure'),
  id: Id,
  /** May name {area}, {period} and {compare}. */
  title: z.string().min(1),
  source: z.enum(SOURCES).optional(),
});

export const FigureBlockTemplate = z.discriminatedUnion('view', [
  FigureBase.extend({ view: z.literal('headline'), what: Counted }),
  FigureBase.extend({ view: z.literal('table'), what: Counted, by: z.enum(DIMENSIONS) }),
  FigureBase.extend({ view: z.literal('trend'), what: Counted, months: z.number().int().min(6).max(120).default(36) }),
  FigureBase.extend({ view: z.literal('ranking'), what: Counted }),
  FigureBase.extend({
    view: z.literal('profile'),
    what: Counted,
    by: z.enum(['victim-age', 'suspect-age', 'victim-sex', 'suspect-sex', 'victim-ethnicity', 'suspect-ethnicity']),
  }),
  FigureBase.extend({
    view: z.literal('map'),
    what: Counted,
    level: z.enum(['ward', 'lsoa']),
    /** LSOA maps: outline the most deprived fifth of LSOAs (IMD 2019 deciles 1–2) over the rates. */
    deprivation: z.boolean().default(false),
  }),
  FigureBase.extend({ view: z.literal('funnel'), what: Counted }),
  FigureBase.extend({ view: z.literal('heatmap'), what: Counted }),
  FigureBase.extend({
    view: z.literal('comparison'),
    rows: z.array(Counted.and(z.object({ label: z.string().min(1) }))).min(1),
  }),
  FigureBase.extend({ view: z.literal('provision'), table: z.enum(PROVISION_TABLES) }),
]);
export type FigureBlockTemplate = z.infer<typeof FigureBlockTemplate>;

export const NarrativeBlockTemplate = z.object({
  kind: z.literal('narrative'),
  id: Id,
  /** The starting text: Markdown with {{figure-id.field}} placeholders; the author keeps or rewrites it. */
  markdown: z.string(),
});
export type NarrativeBlockTemplate = z.infer<typeof NarrativeBlockTemplate>;

export const BlockTemplate = z.union([NarrativeBlockTemplate, FigureBlockTemplate]);
export type BlockTemplate = z.infer<typeof BlockTemplate>;

export const SectionTemplate = z.object({ id: Id, title: z.string().min(1), blocks: z.array(BlockTemplate) });
export type SectionTemplate = z.infer<typeof SectionTemplate>;

export const ReportTemplate = z.object({
  id: Id,
  version: z.number().int().positive(),
  title: z.string().min(1),
  description: z.string(),
  /** Comparator boroughs for comparison tables, by name or code (London is always included). */
  comparators: z.array(z.string().min(1)).default([]),
  sections: z.array(SectionTemplate).min(1),
});
export type ReportTemplate = z.infer<typeof ReportTemplate>;

/** Every block of a template in reading order, with the section it sits in. */
export const templateBlocks = (t: ReportTemplate): { section: SectionTemplate; block: BlockTemplate }[] =>
  t.sections.flatMap((section) => section.blocks.map((block) => ({ section, block })));
