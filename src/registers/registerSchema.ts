import { z } from 'zod';
import { ROLES } from '../auth/policy.ts';

/*
 * How a register is described, once, in `registers/<id>.json`: its fields and their types, which are required,
 * their vocabularies, which hold personal data, its classification and retention, who may read and write it, where
 * its entries sit on the map, what makes two entries the same, and the counts it gives the figure engine.
 * Everything else (form, list, record page, history, map layer, import, export, counts) is built from this.
 */

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name is lower case letters, digits and _');

/** The kinds of field a register may have. `counts` is a number per vocabulary term (items found by type). */
export const FIELD_TYPES = [
  'text',
  'longtext',
  'date',
  'datetime',
  'integer',
  'boolean',
  'choice',
  'choices',
  'counts',
  'reference',
  'wards',
  'url',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const RegisterField = z
  .object({
    name: slug,
    label: z.string().min(1),
    hint: z.string().optional(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    /** The terms a choice, choices or counts field accepts, as written in forms and files. */
    vocabulary: z.array(z.string().min(1)).optional(),
    /** Personal data: stored apart, shown only to the register's personal readers, removed after retention. */
    personal: z.boolean().default(false),
    /** For a date or datetime: refuse a value after today (something that has happened). */
    notFuture: z.boolean().default(false),
    /** For an integer: the smallest and largest values accepted. */
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    /** For text: the longest value accepted. */
    maxLength: z.number().int().positive().optional(),
    /** For a reference: the register whose entries (by reference) it names, and whether it takes several. */
    register: z.string().optional(),
    multiple: z.boolean().default(false),
  })
  .strict()
  .superRefine((f, ctx) => {
    const needsVocabulary = f.type === 'choice' || f.type === 'choices' || f.type === 'counts';
    if (needsVocabulary && (f.vocabulary === undefined || f.vocabulary.length === 0))
      ctx.addIssue({ code: 'custom', message: `field ${f.name}: a ${f.type} field needs a vocabulary` });
    if (!needsVocabulary && f.vocabulary !== undefined)
      ctx.addIssue({ code: 'custom', message: `field ${f.name}: only choice, choices and counts take a vocabulary` });
    if (f.type === 'reference' && f.register === undefined)
      ctx.addIssue({ code: 'custom', message: `field ${f.name}: a reference names its register` });
    if (f.notFuture && f.type !== 'date' && f.type !== 'datetime')
      ctx.addIssue({ code: 'custom', message: `field ${f.name}: notFuture applies to dates only` });
  });
export type RegisterField = z.infer<typeof RegisterField>;

const Roles = z.array(z.enum(ROLES)).min(1);
/** Who: roles, from any agency or only the listed agencies. */
const Audience = z
  .object({ roles: Roles, agencies: z.union([z.literal('any'), z.array(z.string().min(1)).min(1)]) })
  .strict();
export type Audience = z.infer<typeof Audience>;

/** A count the register gives the figure engine: entries, or the sum of a counts/integer field (or one term of it). */
export const RegisterMeasure = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: z.string().min(1),
    kind: z.enum(['entries', 'sum']),
    field: z.string().optional(),
    term: z.string().optional(),
  })
  .strict();
export type RegisterMeasure = z.infer<typeof RegisterMeasure>;

export const RegisterDefinition = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    name: z.string().min(1),
    /** One entry, as a sentence names it: "weapon sweep". */
    entryName: z.string().min(1),
    description: z.string().min(1),
    /** Where the need for it is written: a seed document and section. */
    source: z.string().min(1),
    /** partnership = OFFICIAL; restricted = OFFICIAL-SENSITIVE. Registers never hold only personal data. */
    classification: z.enum(['partnership', 'restricted']),
    /** Short prefix of each entry's reference, e.g. WS for WS-2026-0042. */
    referencePrefix: z.string().regex(/^[A-Z]{2,4}$/),
    read: Audience,
    write: Audience,
    /** Only people named by a partnership manager read it (on top of `read`). */
    namedReadership: z.boolean().default(false),
    /** Who sees personal fields (on top of reading the register). */
    personalRead: Audience.optional(),
    /** Personal fields are removed this many months after the entry's date; counts stay. */
    retention: z
      .object({ personalMonths: z.number().int().positive(), basis: z.string().min(1) })
      .strict()
      .optional(),
    /** Counts of this register shown to readers outside its readership (suppressed below the threshold). */
    releaseCounts: z.boolean().default(true),
    /** The date field that places an entry in a period. */
    dateField: z.string(),
    /** point: a point in the borough; area: an LSOA or ward only; point-or-area: either; wards: a list; none. */
    geometry: z.enum(['point', 'area', 'point-or-area', 'wards', 'reference', 'none']),
    /** For geometry 'reference': the reference field whose entry's place this entry takes. */
    placeFrom: z.string().optional(),
    /** The fields two entries share when they are the same thing recorded twice. */
    duplicateKey: z.array(z.string()).min(1),
    /** The fields the list shows, after the reference and date. */
    listFields: z.array(z.string()).default([]),
    fields: z.array(RegisterField).min(1),
    measures: z.array(RegisterMeasure).min(1),
  })
  .strict()
  .superRefine((d, ctx) => {
    const byName = new Map(d.fields.map((f) => [f.name, f]));
    if (byName.size !== d.fields.length) ctx.addIssue({ code: 'custom', message: 'field names repeat' });
    const date = byName.get(d.dateField);
    if (!date || (date.type !== 'date' && date.type !== 'datetime') || !date.required)
      ctx.addIssue({ code: 'custom', message: `dateField ${d.dateField} is not a required date or datetime field` });
    for (const k of [...d.duplicateKey, ...d.listFields])
      if (!byName.has(k) && k !== 'place') ctx.addIssue({ code: 'custom', message: `${k} is not a field` });
    if (d.geometry === 'reference') {
      const from = d.placeFrom === undefined ? undefined : byName.get(d.placeFrom);
      if (from?.type !== 'reference' || from.multiple || !from.required)
        ctx.addIssue({ code: 'custom', message: 'geometry "reference" needs placeFrom, a required single reference' });
    }
    for (const m of d.measures) {
      if (m.kind === 'entries') continue;
      const f = m.field === undefined ? undefined : byName.get(m.field);
      if (!f || (f.type !== 'counts' && f.type !== 'integer') || f.personal)
        ctx.addIssue({ code: 'custom', message: `measure ${m.id}: sum needs a non-personal counts or integer field` });
      else if (m.term !== undefined && !(f.vocabulary ?? []).includes(m.term))
        ctx.addIssue({ code: 'custom', message: `measure ${m.id}: ${m.term} is not in ${f.name}'s vocabulary` });
    }
    if (d.fields.some((f) => f.personal) && (d.retention === undefined || d.personalRead === undefined))
      ctx.addIssue({ code: 'custom', message: 'a register with personal fields needs retention and personalRead' });
  });
export type RegisterDefinition = z.infer<typeof RegisterDefinition>;
