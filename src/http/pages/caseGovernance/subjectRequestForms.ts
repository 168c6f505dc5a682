import { ETHNICITY } from '../../../domain/panels/demographics.ts';
import type { SubjectRequest } from '../../../panels/governance/subjectRequests.ts';
import { dateFromParts, type FormBody, many, one } from '../registers/formBody.ts';

/* The subject request forms as the pages post them, and the words the pages show; no I/O. */

export const KIND_WORDS = { access: 'Access', rectification: 'Rectification', erasure: 'Erasure' } as const;
export const OUTCOME_WORDS = {
  completed: 'Completed',
  'partly-completed': 'Partly completed',
  refused: 'Refused',
} as const;

const dateOf = (body: FormBody, name: string) =>
  dateFromParts(one(body, `${name}-day`), one(body, `${name}-month`), one(body, `${name}-year`));

/** The new request form → NewSubjectRequest's input (checked there). */
export const newRequestInput = (body: FormBody) => ({
  personReference: one(body, 'personReference'),
  kind: one(body, 'kind'),
  receivedOn: dateOf(body, 'receivedOn'),
  details: one(body, 'details'),
});

/** The decision form → Decision's input; empty correction fields mean "unchanged", the `clear` boxes "blank it". */
export function decisionInput(body: FormBody, kind: SubjectRequest['kind']) {
  const corrections: Record<string, string | string[]> = {};
  if (kind === 'rectification')
    for (const [field, value] of [
      ['givenName', one(body, 'givenName')],
      ['familyName', one(body, 'familyName')],
      ['dateOfBirth', dateOf(body, 'dateOfBirth')],
      ['sex', one(body, 'sex')],
      ['ethnicity', one(body, 'ethnicity')],
      ['health', one(body, 'health')],
      ['other', one(body, 'other')],
    ] as const)
      if (value !== '') corrections[field] = value;
  const clear = kind === 'rectification' ? many(body, 'clear') : [];
  if (clear.length > 0) corrections.clear = clear;
  return {
    outcome: one(body, 'outcome') || undefined,
    reason: one(body, 'reason'),
    ...(Object.keys(corrections).length > 0 ? { corrections } : {}),
  };
}

/** Where each field's error is shown (date inputs point at their day box). */
export const fieldHref = (path: string) =>
  `#${path === 'receivedOn' || path === 'dateOfBirth' ? `${path}-day` : path.replace(/^corrections\./, '')}`;

/** A message people read for a zod issue on a date built from day, month and year boxes. */
export const dateMessage = (path: string, message: string) =>
  path === 'receivedOn' || path.endsWith('dateOfBirth') ? 'Enter a real date, for example 27 3 2026' : message;

export const ethnicityItems = [
  { value: '', text: 'No change' },
  ...Object.entries(ETHNICITY).map(([value, e]) => ({ value, text: e.label })),
];

export const sexItems = [
  { value: '', text: 'No change' },
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
  { value: 'not-known', text: 'Not known' },
];
