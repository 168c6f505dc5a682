import type { ValueProblem } from '../../../registers/entryValues.ts';
import type { RegisterDefinition, RegisterField } from '../../../registers/registerSchema.ts';
import { type FormBody, many, one } from './formBody.ts';
import { type Control, type ErrorOf, errorsOf, hintOf, label, legend, sentence, slug } from './formParts.ts';
import { placeAfter, placeControl } from './formPlace.ts';
import type { PlaceNames } from './pagePlaces.ts';

/*
 * The register form built from the register's description: one GOV.UK control per field, as the parameters of
 * the govuk-frontend macro that draws it (form.njk only picks the macro). Mobile first: inputs are full width
 * (the design system's default) and no control is wider than a 320 px screen.
 */

const RADIO_LIMIT = 6;

function dateControl(f: RegisterField, body: FormBody, error: ErrorOf, withFieldset: boolean): Control {
  const e = error(f.name);
  const part = (name: string, width: number) => ({
    name,
    value: one(body, `${f.name}-${name}`),
    classes: `govuk-input--width-${width}${e ? ' govuk-input--error' : ''}`,
    inputmode: 'numeric',
  });
  return {
    macro: 'dateInput',
    params: {
      id: f.name,
      namePrefix: f.name,
      fieldset: withFieldset ? legend(f.label) : undefined,
      hint: { text: f.hint ?? 'For example, 27 3 2026' },
      errorMessage: e,
      items: [part('day', 2), part('month', 2), part('year', 4)],
    },
  };
}

function fieldControl(f: RegisterField, body: FormBody, error: ErrorOf, places: PlaceNames): Control {
  const e = error(f.name);
  const hint = hintOf(f.hint);
  const terms = f.vocabulary ?? [];
  switch (f.type) {
    case 'date':
      return dateControl(f, body, error, true);
    case 'datetime':
      return {
        macro: 'fieldset',
        params: legend(f.label),
        parts: [
          dateControl({ ...f, hint: 'Date, for example 27 3 2026' }, body, error, false),
          {
            macro: 'input',
            params: {
              id: `${f.name}-time`,
              name: `${f.name}-time`,
              label: { text: 'Time (24-hour clock, for example 21:40)' },
              classes: 'govuk-input--width-5',
              value: one(body, `${f.name}-time`),
            },
          },
        ],
      };
    case 'counts':
      return {
        macro: 'fieldset',
        params: { ...legend(f.label), describedBy: `${f.name}-hint` },
        parts: [
          { macro: 'hint', params: { id: `${f.name}-hint`, text: f.hint ?? 'Enter 0 where there were none' } },
          ...terms.map(
            (term): Control => ({
              macro: 'input',
              params: {
                id: `${f.name}-${slug(term)}`,
                name: `${f.name}.${term}`,
                label: { text: sentence(term) },
                classes: 'govuk-input--width-4',
                inputmode: 'numeric',
                spellcheck: false,
                value: body[`${f.name}.${term}`] === undefined ? '0' : one(body, `${f.name}.${term}`),
                errorMessage: error(`${f.name}.${term}`),
              },
            }),
          ),
        ],
      };
    case 'choice': {
      const chosen = one(body, f.name);
      if (terms.length <= RADIO_LIMIT)
        return {
          macro: 'radios',
          params: {
            idPrefix: f.name,
            name: f.name,
            fieldset: legend(f.label),
            hint,
            errorMessage: e,
            items: terms.map((t) => ({ value: t, text: sentence(t), checked: t === chosen })),
          },
        };
      return {
        macro: 'select',
        params: {
          id: f.name,
          name: f.name,
          label: label(f.label),
          hint,
          errorMessage: e,
          items: [
            { value: '', text: 'Choose one' },
            ...terms.map((t) => ({ value: t, text: sentence(t), selected: t === chosen })),
          ],
        },
      };
    }
    case 'choices':
    case 'wards': {
      const ticked = new Set(many(body, f.name));
      const options =
        f.type === 'wards'
          ? places.wards.map((w) => ({ value: w.code, text: w.name }))
          : terms.map((t) => ({ value: t, text: sentence(t) }));
      return {
        macro: 'checkboxes',
        params: {
          idPrefix: f.name,
          name: f.name,
          fieldset: legend(f.label),
          hint: hint ?? { text: 'Select all that apply' },
          errorMessage: e,
          items: options.map((o) => ({ ...o, checked: ticked.has(o.value) })),
          classes: 'govuk-checkboxes--small',
        },
      };
    }
    case 'boolean': {
      const v = one(body, f.name).toLowerCase();
      return {
        macro: 'radios',
        params: {
          idPrefix: f.name,
          name: f.name,
          fieldset: legend(f.label),
          hint,
          errorMessage: e,
          classes: 'govuk-radios--inline',
          items: [
            { value: 'yes', text: 'Yes', checked: v === 'yes' },
            { value: 'no', text: 'No', checked: v === 'no' },
          ],
        },
      };
    }
    case 'longtext':
      return {
        macro: 'textarea',
        params: {
          id: f.name,
          name: f.name,
          rows: 4,
          label: label(f.label),
          hint,
          errorMessage: e,
          value: one(body, f.name),
        },
      };
    default: {
      const referenceHint =
        f.type === 'reference'
          ? `The reference, for example ${f.multiple ? 'CT-2026-0001; CT-2026-0002' : 'KB-2026-0001'}`
          : undefined;
      return {
        macro: 'input',
        params: {
          id: f.name,
          name: f.name,
          label: label(f.label),
          hint: hintOf(f.hint ?? referenceHint),
          errorMessage: e,
          value: one(body, f.name),
          inputmode: f.type === 'integer' ? 'numeric' : undefined,
          type: f.type === 'url' ? 'url' : 'text',
          spellcheck: f.type === 'reference' || f.type === 'url' ? false : undefined,
        },
      };
    }
  }
}

/** Every control of the form, in the description's order, the place after the field that names it in words. */
export function formControls(
  register: RegisterDefinition,
  body: FormBody,
  problems: readonly ValueProblem[],
  places: PlaceNames,
  withPersonal: boolean,
): Control[] {
  const { errorOf } = errorsOf(register, problems);
  const controls: Control[] = [];
  for (const f of register.fields) {
    if (f.personal && !withPersonal) continue;
    const personalHint = `Personal data: shown only to those allowed${register.retention ? `, removed ${register.retention.personalMonths} months after the entry's date` : ''}`;
    controls.push(
      fieldControl(
        f.personal ? { ...f, hint: f.hint ? `${f.hint}. ${personalHint}` : personalHint } : f,
        body,
        errorOf,
        places,
      ),
    );
    if (f.name === placeAfter(register)) {
      const place = placeControl(register, body, errorOf, places);
      if (place) controls.push(place);
    }
  }
  return controls;
}
