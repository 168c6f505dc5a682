import { AGE_BANDS, ETHNIC_GROUPS } from '../../../domain/panels/demographics.ts';
import type { FieldError, ScreeningInput } from '../../../panels/screening/checkScreening.ts';
import { SEXES } from '../../../panels/screening/checkScreening.ts';
import { type ScreeningResult, YES_NO } from '../../../panels/screening/score.ts';
import type { Route, ScreeningTool } from '../../../panels/screening/toolSchema.ts';

/*
 * The screening form as govuk-frontend macro parameters: each group a fieldset of radio questions, then the few
 * facts about the person that the anonymous counts keep. Form names: `answer-<question id>` for answers, and
 * setting, ageBand, sex, ethnicGroup, confirmedRoute, overrideReason. An error links to the field's first radio.
 */

export const ANSWER_PREFIX = 'answer-';

export const ROUTE_WORDS: Record<Route, string> = {
  advice: 'Advice only: no referral',
  'early-help': 'Early help',
  mash: 'Referral to the MASH',
  panel: 'Referral to a panel (the young adults panel for 18 to 25 year olds)',
};
export const LEVEL_WORDS = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' } as const;
export const LEVEL_TAG = { low: 'govuk-tag--green', medium: 'govuk-tag--yellow', high: 'govuk-tag--red' } as const;

/** The posted form as a screening input: text in, nothing trusted. */
export function inputOf(tool: ScreeningTool, body: unknown): ScreeningInput {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(form))
    if (name.startsWith(ANSWER_PREFIX) && typeof value === 'string' && value !== '')
      answers[name.slice(ANSWER_PREFIX.length)] = value;
  return {
    toolId: tool.id,
    toolVersion: tool.version,
    answers,
    setting: text('setting'),
    ageBand: text('ageBand'),
    sex: text('sex'),
    ethnicGroup: text('ethnicGroup'),
    confirmedRoute: text('confirmedRoute'),
    overrideReason: text('overrideReason'),
  };
}

/** The id of the element an error links to: the first radio of the field. */
const anchorOf = (field: string, tool: ScreeningTool) =>
  tool.groups.some((g) => g.questions.some((q) => q.id === field)) ? `${ANSWER_PREFIX}${field}` : field;

export const errorListOf = (tool: ScreeningTool, errors: readonly FieldError[]) =>
  errors.map((e) => ({ text: e.message, href: `#${anchorOf(e.field, tool)}` }));

const messageFor = (errors: readonly FieldError[], field: string) => {
  const e = errors.find((x) => x.field === field);
  return e ? { text: e.message } : undefined;
};

const radios = (
  name: string,
  legend: string,
  items: readonly { id: string; label: string }[],
  chosen: string | undefined,
  errors: readonly FieldError[],
  extra: { hint?: string; inline?: boolean; errorField?: string; legendClass?: string } = {},
) => ({
  idPrefix: name,
  name,
  classes: extra.inline ? 'govuk-radios--inline' : undefined,
  fieldset: { legend: { text: legend, classes: extra.legendClass ?? 'govuk-fieldset__legend--s' } },
  hint: extra.hint ? { text: extra.hint } : undefined,
  items: items.map((i) => ({ value: i.id, text: i.label, checked: i.id === chosen })),
  errorMessage: messageFor(errors, extra.errorField ?? name),
});

export function formGroups(tool: ScreeningTool, input: ScreeningInput | null, errors: readonly FieldError[]) {
  return tool.groups.map((g) => ({
    id: g.id,
    title: g.title,
    guidance: g.guidance,
    questions: g.questions.map((q) =>
      radios(
        `${ANSWER_PREFIX}${q.id}`,
        q.required ? q.text : `${q.text} (optional)`,
        q.type === 'yes-no' ? YES_NO : (q.options ?? []),
        input?.answers[q.id],
        errors,
        {
          hint: [q.hint, q.guidance].filter(Boolean).join('. ') || undefined,
          inline: q.type === 'yes-no',
          errorField: q.id,
        },
      ),
    ),
  }));
}

export function aboutControls(tool: ScreeningTool, input: ScreeningInput | null, errors: readonly FieldError[]) {
  return [
    radios('setting', 'Where are you doing this screening?', tool.settings, input?.setting, errors),
    radios(
      'ageBand',
      'Age',
      AGE_BANDS.map((b) => ({ id: b, label: b === 'not known' ? 'Not known' : b })),
      input?.ageBand,
      errors,
      {
        hint: 'In years. Choose the band only; no date of birth is recorded.',
      },
    ),
    radios('sex', 'Sex', SEXES, input?.sex, errors, { inline: true }),
    radios(
      'ethnicGroup',
      'Ethnic group (optional)',
      ETHNIC_GROUPS.map((g) => ({ id: g, label: g })),
      input?.ethnicGroup || undefined,
      errors,
      { hint: 'The high-level group only, if the person has told you. Leave it blank if not.' },
    ),
  ];
}

/** The confirm-or-override radios: the recommended route first and chosen unless the practitioner chose another. */
export function routeControls(result: ScreeningResult, input: ScreeningInput | null, errors: readonly FieldError[]) {
  const routes = (Object.keys(ROUTE_WORDS) as Route[]).sort(
    (a, b) => Number(b === result.recommendedRoute) - Number(a === result.recommendedRoute),
  );
  return radios(
    'confirmedRoute',
    'Which route do you confirm?',
    routes.map((r) => ({
      id: r,
      label: r === result.recommendedRoute ? `${ROUTE_WORDS[r]} (recommended)` : ROUTE_WORDS[r],
    })),
    input?.confirmedRoute || result.recommendedRoute,
    errors,
    { legendClass: 'govuk-fieldset__legend--m', hint: 'You decide. If you choose another route, say why below.' },
  );
}

/** Every answer and fact as hidden fields, so the confirm step posts the whole screening again without JavaScript. */
export function hiddenFields(input: ScreeningInput) {
  return [
    ...Object.entries(input.answers).map(([id, value]) => ({ name: `${ANSWER_PREFIX}${id}`, value })),
    { name: 'setting', value: input.setting },
    { name: 'ageBand', value: input.ageBand ?? '' },
    { name: 'sex', value: input.sex },
    { name: 'ethnicGroup', value: input.ethnicGroup ?? '' },
  ];
}
