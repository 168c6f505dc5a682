import { z } from 'zod';
import { AGENCY_KINDS } from '../../../auth/policy.ts';
import type {
  MeetingActionStatus,
  MeetingStatus,
  MemberRole,
  StandingItemSource,
} from '../../../db/tables/governance.ts';
import { agencyShortName } from '../../../governance/agencyNames.ts';
import { GovernanceError } from '../../../governance/governanceError.ts';
import { HttpError } from '../../errors.ts';

/* Words and small helpers shared by the governance pages. */

export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const ItemParams = IdParams.extend({ itemId: z.coerce.number().int().positive().max(2_147_483_647) });

export type Form = Record<string, string>;

/** A posted form as strings (first value of each field), each cut to a sane length. */
export function readForm(body: unknown, max = 20_000): Form {
  const out: Form = {};
  if (body === null || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first.slice(0, max);
  }
  return out;
}

/** A problem shown in the error summary and beside its field (`id` is the field's element id). */
export interface Problem {
  id: string;
  message: string;
}

export function formErrors(problems: readonly Problem[]) {
  const errorOf: Record<string, { text: string }> = {};
  for (const p of problems) errorOf[p.id] ??= { text: p.message };
  return { errorOf, errorList: problems.map((p) => ({ text: p.message, href: `#${p.id}` })) };
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A refusal or missing record becomes the page's 403 or 404 with the store's own words; an invalid form becomes a
 * problem for the form `prefix` names (its field ids are `<prefix>-<field>`). Anything else is rethrown.
 */
export function problemOf(error: unknown, prefix: string, fallbackField: string): Problem {
  if (!(error instanceof GovernanceError)) throw error;
  if (error.code === 'FORBIDDEN') throw new HttpError(403, 'FORBIDDEN', sentence(error.message));
  if (error.code === 'NOT_FOUND') throw new HttpError(404, 'NOT_FOUND', sentence(error.message));
  return { id: `${prefix}-${error.field ?? fallbackField}`, message: sentence(error.message) };
}

export const agencyName = (code: string) => sentence(agencyShortName(code));
export const agencyItems = (chosen?: string) => [
  { value: '', text: 'Choose an agency' },
  ...AGENCY_KINDS.map((a) => ({ value: a, text: agencyName(a), selected: a === chosen })),
];

export const ROLE_WORDS: Record<MemberRole, string> = {
  chair: 'Chair',
  'vice-chair': 'Vice-chair',
  member: 'Member',
  adviser: 'Adviser',
  secretariat: 'Secretariat',
};

export const SOURCE_WORDS: Record<StandingItemSource, string> = {
  fixed: 'Title only',
  'performance-exceptions': 'Performance exceptions (red or worsening indicators)',
  'plan-items-at-risk': 'Plan items at risk or off track',
  'actions-arising': 'Actions arising carried forward',
  'register-summary': 'Register summary',
};

export const MEETING_STATUS_TAG: Record<MeetingStatus, { text: string; classes: string }> = {
  planned: { text: 'Planned', classes: 'govuk-tag--blue' },
  held: { text: 'Held', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};

export const ACTION_STATUS_TAG: Record<MeetingActionStatus, { text: string; classes: string }> = {
  open: { text: 'Open', classes: 'govuk-tag--yellow' },
  complete: { text: 'Complete', classes: 'govuk-tag--green' },
  dropped: { text: 'Dropped', classes: 'govuk-tag--grey' },
};

/** Select items from a list of values and words, with the chosen one selected. */
export const choices = (pairs: readonly (readonly [string, string])[], chosen?: string) =>
  pairs.map(([value, text]) => ({ value, text, selected: value === chosen }));
