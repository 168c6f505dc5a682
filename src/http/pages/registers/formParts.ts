import type { ValueProblem } from '../../../registers/entryValues.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';

/*
 * What the register form's controls share: the control as form.njk draws it (a govuk-frontend macro's name and
 * its parameters), the id each problem links to from the error summary, and the design system's label sizes.
 */

/** A control as form.njk draws it: the macro and its parameters, or a fieldset holding several. */
export type Control =
  | { macro: 'input' | 'textarea' | 'radios' | 'select' | 'checkboxes' | 'dateInput'; params: object }
  | { macro: 'hint'; params: { id: string; text: string } }
  | { macro: 'fieldset'; params: object; parts: Control[] };

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The id of the input a problem's field names, for the error summary's link. */
export function anchorOf(register: RegisterDefinition, field: string): string {
  const [name, term] = field.split('.', 2);
  const f = register.fields.find((x) => x.name === name);
  if (f && term !== undefined) return `${f.name}-${slug(term)}`;
  if (f?.type === 'date' || f?.type === 'datetime') return `${f.name}-day`;
  return field;
}

export const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function errorsOf(register: RegisterDefinition, problems: readonly ValueProblem[]) {
  const byField = new Map<string, string>();
  for (const p of problems) if (!byField.has(p.field)) byField.set(p.field, sentence(p.message));
  return {
    errorList: [...byField].map(([field, text]) => ({ text, href: `#${anchorOf(register, field)}` })),
    errorOf: (field: string) => (byField.has(field) ? { text: byField.get(field) } : undefined),
  };
}

export type ErrorOf = ReturnType<typeof errorsOf>['errorOf'];
export const legend = (text: string) => ({ legend: { text, classes: 'govuk-fieldset__legend--s' } });
export const label = (text: string) => ({ text, classes: 'govuk-label--s' });
export const hintOf = (text: string | undefined) => (text ? { text } : undefined);
