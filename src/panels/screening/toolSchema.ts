import { z } from 'zod';

/*
 * How an exploitation screening tool is described (`screening-tools/*.json`, issue 21): versioned questions in
 * groups with guidance, their weights, the score thresholds, the route each level recommends and the two rules
 * that override the score. All of it lives in the file, so the partnership changes a weight or a threshold by
 * publishing a new version, never by changing code; each version is kept (table `screening_tool`) so a past
 * screening is always read against the questions it was answered with.
 */

const Id = z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes');
export const ROUTES = ['advice', 'early-help', 'mash', 'panel'] as const;
const Route = z.enum(ROUTES);
const Level = z.enum(['low', 'medium', 'high']);
const Points = z.number().int().min(0).max(20);

export const ChoiceOption = z.object({ id: Id, label: z.string().min(1), weight: Points });

export const Question = z
  .object({
    id: Id,
    text: z.string().min(1),
    hint: z.string().min(1).optional(),
    guidance: z.string().min(1).optional(),
    type: z.enum(['yes-no', 'choice']),
    /** For 'choice' only: each option with its points. */
    options: z.array(ChoiceOption).min(2).optional(),
    required: z.boolean(),
    /** For 'yes-no': points for a yes ('no' and 'not known' score nothing). */
    weight: Points.optional(),
    /** A 'yes' alone means high risk whatever the score (rules.immediate). */
    flag: z.literal('immediate').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'yes-no') {
      if (q.weight === undefined)
        ctx.addIssue({ code: 'custom', path: ['weight'], message: 'a yes-no question gives its weight' });
      if (q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a choice question has options' });
    } else {
      if (!q.options)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question lists at least two options' });
      if (q.weight !== undefined)
        ctx.addIssue({ code: 'custom', path: ['weight'], message: 'a choice question weighs each option instead' });
      if (q.flag)
        ctx.addIssue({ code: 'custom', path: ['flag'], message: 'only a yes-no question can be an immediate flag' });
    }
  });
export type Question = z.infer<typeof Question>;

export const QuestionGroup = z.object({
  id: Id,
  title: z.string().min(1),
  guidance: z.string().min(1),
  questions: z.array(Question).min(1),
});
export type QuestionGroup = z.infer<typeof QuestionGroup>;

export const ScreeningTool = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    title: z.string().min(1),
    /** The seed document and place that asks for this tool. */
    source: z.string().min(1),
    intro: z.string().min(1),
    /** Where a screening is done (recorded with it and counted). */
    settings: z.array(z.object({ id: Id, label: z.string().min(1) })).min(1),
    groups: z.array(QuestionGroup).min(1),
    /** A score at or above `medium` is medium risk; at or above `high`, high. */
    levels: z.object({ medium: z.number().int().min(1), high: z.number().int().min(1) }),
    routes: z.object({ low: Route, medium: Route, high: Route }),
    rules: z.object({
      /** Any immediate flag answered yes: this level and route, whatever the score. */
      immediate: z.object({ level: Level, route: Route }),
      /** A person of at least `fromAge` whose level is `atLevel`: this route instead (the young adults panel). */
      adults: z.object({ fromAge: z.number().int().min(1).max(120), atLevel: Level, route: Route }),
    }),
  })
  .superRefine((t, ctx) => {
    if (t.levels.high <= t.levels.medium)
      ctx.addIssue({ code: 'custom', path: ['levels', 'high'], message: 'the high threshold is above the medium one' });
    const seen = new Set<string>();
    t.groups.forEach((g, gi) =>
      g.questions.forEach((q, qi) => {
        if (seen.has(q.id))
          ctx.addIssue({
            code: 'custom',
            path: ['groups', gi, 'questions', qi, 'id'],
            message: `question id "${q.id}" is used twice`,
          });
        seen.add(q.id);
      }),
    );
  });
export type ScreeningTool = z.infer<typeof ScreeningTool>;
export type Level = z.infer<typeof Level>;
export type Route = z.infer<typeof Route>;

/** Every question of a tool in the order it is asked. */
export const questionsOf = (tool: ScreeningTool): Question[] => tool.groups.flatMap((g) => g.questions);
