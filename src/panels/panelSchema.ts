import { z } from 'zod';

/*
 * How a panel is described (`panels/*.json`): MACE, MARAC, IOM, the MASH that triages referrals, and any panel the
 * partnership defines the same way (the 18–25s panel). One file per panel, versioned; the criteria, outcomes and
 * retention a referral and a case are checked against come from here, never from code.
 */

const Id = z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes');

/** A referral criterion: what must be recorded with it (a DASH score of at least `minimum`, or a reason in words). */
export const Criterion = z
  .object({
    id: Id,
    label: z.string().min(1),
    evidence: z.enum(['none', 'dash-score', 'reason']),
    minimum: z.number().int().min(0).max(27).optional(),
    hint: z.string().optional(),
  })
  .refine((c) => (c.evidence === 'dash-score') === (c.minimum !== undefined), {
    message: 'a dash-score criterion gives its minimum, and only it does',
    path: ['minimum'],
  });
export type Criterion = z.infer<typeof Criterion>;

export const PanelDefinition = z.object({
  id: Id,
  version: z.number().int().min(1),
  name: z.string().min(1),
  shortName: z.string().min(1).max(20),
  kind: z.enum(['mash', 'mace', 'marac', 'iom', 'custom']),
  /** The seed document and place that asks for this panel. */
  source: z.string().min(1),
  termsOfReference: z.string().min(1),
  meets: z.string().min(1),
  ages: z.object({ min: z.number().int().min(0), max: z.number().int().max(120) }),
  /** Agencies expected round the table. */
  agencies: z.array(z.string().min(1)).min(1),
  /** At least one must be recorded on a referral (none listed: the referral's reason is enough). */
  criteria: z.array(Criterion),
  /** A referral for the same person within this many months is flagged as a repeat. */
  repeatWithinMonths: z.number().int().min(1).max(60),
  /** Hours the panel (or the MASH) has to record a triage decision before the referral shows as overdue. */
  triageHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 28),
  /** Days from a case being heard to its review. */
  reviewDays: z.number().int().min(7).max(365),
  /** The menu of options a panel may agree (actions are chosen from or written beside it). */
  options: z.array(z.string().min(1)),
  outcomes: z.array(z.object({ id: Id, label: z.string().min(1) })).min(1),
  closureReasons: z.array(z.object({ id: Id, label: z.string().min(1) })).min(1),
  /** Years after closure personal data is kept: by outcome, else the default. */
  retention: z.object({
    defaultYears: z.number().int().min(1).max(100),
    byOutcome: z.record(Id, z.number().int().min(1).max(100)).default({}),
  }),
});
export type PanelDefinition = z.infer<typeof PanelDefinition>;

/** The MASH's own definition is a panel of kind 'mash'; the others are the panels cases are heard at. */
export const isMash = (p: PanelDefinition): boolean => p.kind === 'mash';
