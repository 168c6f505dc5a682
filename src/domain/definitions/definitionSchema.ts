import { z } from 'zod';

/**
 * The offence classifications a definition can be mapped onto. `mps_old` and
 * `ho_aligned` are the ids the MPS importers give offence_category.classification.
 */
export const ClassificationId = z.enum(['police_uk', 'mps_old', 'ho_aligned', 'mps_dashboard']);
export type ClassificationId = z.infer<typeof ClassificationId>;

export const CLASSIFICATION_NAMES: Record<ClassificationId, string> = {
  police_uk: 'police.uk crime types',
  mps_old: 'old MPS Major/Minor categories (to 2016/17)',
  ho_aligned: 'Home Office aligned MPS Major/Minor categories',
  mps_dashboard: 'MPS dashboard crime types and subtypes',
};

/** Record-level fields a rule's conditions can test. Aggregate sources carry none of them. */
export const RecordField = z.enum([
  'victim_age',
  'suspect_age',
  'domestic_abuse',
  'hate_crime',
  'knife_or_sharp_instrument',
  'firearm',
  'injury',
  'most_serious_violence',
  'sexual_offence',
]);
export type RecordField = z.infer<typeof RecordField>;

export const FIELD_LABELS: Record<RecordField, string> = {
  victim_age: 'victim age',
  suspect_age: 'suspect age',
  domestic_abuse: 'domestic abuse flag',
  hate_crime: 'hate crime flag',
  knife_or_sharp_instrument: 'knife or sharp instrument flag',
  firearm: 'firearm flag',
  injury: 'injury flag',
  most_serious_violence: 'most serious violence marker',
  sexual_offence: 'sexual offence flag',
};

const AGE_FIELDS = ['victim_age', 'suspect_age'] as const;

export type Condition =
  | { field: (typeof AGE_FIELDS)[number]; min?: number; max?: number }
  | { field: Exclude<RecordField, (typeof AGE_FIELDS)[number]>; is: boolean }
  | { anyOf: Condition[] }
  | { allOf: Condition[] };

const AgeCondition = z
  .object({
    field: z.enum(AGE_FIELDS),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((c) => c.min !== undefined || c.max !== undefined, 'an age condition needs min or max (inclusive)');
const FlagCondition = z.object({ field: RecordField.exclude([...AGE_FIELDS]), is: z.boolean() }).strict();
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    AgeCondition,
    FlagCondition,
    z.object({ anyOf: z.array(Condition).min(1) }).strict(),
    z.object({ allOf: z.array(Condition).min(1) }).strict(),
  ]),
);

/** A category of one classification. police.uk: major = crime type; MPS dashboard: major = crime_type, minor = crime_subtype. */
export const CategoryRef = z
  .object({
    major: z.string().min(1),
    /** Omitted: every minor category of the major. */
    minor: z.string().min(1).optional(),
    /** The publisher's category already applies the rule's conditions (e.g. 'Knife Injury Victims (1-24)'), so no record fields are needed. */
    appliesConditions: z.boolean().optional(),
  })
  .strict();
export type CategoryRef = z.infer<typeof CategoryRef>;

export const CategoryMapping = z
  .object({
    categories: z.array(CategoryRef).min(1),
    /** same offences; approximate (a caveat travels with the figure); broader (includes offences outside the rule: the figure cannot be produced). */
    relation: z.enum(['same offences', 'approximate', 'broader']),
    note: z.string().optional(),
  })
  .strict();
export type CategoryMapping = z.infer<typeof CategoryMapping>;

export const DefinitionRule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The figure this rule produces, as people name it: 'under-25 victims and suspects of violence, sexual offences and robbery'. */
    label: z.string().min(1),
    counts: z.enum(['offences', 'victims']),
    /** 'any offence' when the rule is defined by record flags alone (e.g. all domestic abuse). */
    offences: z.union([z.literal('any offence'), z.partialRecord(ClassificationId, CategoryMapping)]),
    /** Why a classification is deliberately not mapped (shown instead of a generic message). */
    notMapped: z.partialRecord(ClassificationId, z.string()).optional(),
    conditions: Condition.optional(),
  })
  .strict();
export type DefinitionRule = z.infer<typeof DefinitionRule>;

export const Definition = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
    version: z.number().int().positive(),
    name: z.string().min(1),
    description: z.string().min(1),
    source: z
      .object({
        document: z.string().min(1),
        publisher: z.string().min(1),
        date: z.string().min(1),
        quote: z.string().min(1),
        section: z.string().optional(),
      })
      .strict(),
    /** How rules combine: a record counts once if it matches any rule. */
    combine: z.literal('union'),
    rules: z.array(DefinitionRule).min(1),
    /** The record fields the definition needs: must equal the fields its conditions use. */
    requires: z.array(RecordField),
  })
  .strict()
  .superRefine((d, ctx) => {
    const used = [...new Set(d.rules.flatMap((r) => (r.conditions ? conditionFields(r.conditions) : [])))].sort();
    const declared = [...new Set(d.requires)].sort();
    if (used.join() !== declared.join()) {
      ctx.addIssue({
        code: 'custom',
        path: ['requires'],
        message: `requires must list exactly the fields the conditions use: ${used.join(', ') || '(none)'}`,
      });
    }
    const ids = d.rules.map((r) => r.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'rule ids must be unique' });
  });
export type Definition = z.infer<typeof Definition>;

/** Every record field a condition tests. */
export function conditionFields(condition: Condition): RecordField[] {
  if ('anyOf' in condition) return condition.anyOf.flatMap(conditionFields);
  if ('allOf' in condition) return condition.allOf.flatMap(conditionFields);
  return [condition.field];
}
