import type { Actor } from '../../../auth/policy.ts';
import type { PlanItemStatus } from '../../../db/tables/delivery.ts';
import { EvidenceError } from '../../../delivery/evidence.ts';
import { type PlanAction, type PlanItemOwner, planRefusal } from '../../../delivery/planPolicy.ts';
import { PlanChangeError, PlanRefusedError } from '../../../delivery/planStore.ts';
import { HttpError, notFound } from '../../errors.ts';

/*
 * How the plans pages word and colour things, and how a refusal becomes a page: a rule's refusal is the 403 page
 * naming the rule; a missing plan or item is a 404; a form's problem names its field for the error summary.
 */

/** Every tag carries its words: the colour only repeats them (WCAG 1.4.1). */
const STATUS_TAGS: Record<PlanItemStatus, string> = {
  'not started': 'govuk-tag--grey',
  'on track': 'govuk-tag--green',
  'at risk': 'govuk-tag--orange',
  'off track': 'govuk-tag--red',
  complete: 'govuk-tag--blue',
  dropped: 'govuk-tag--purple',
};
export const statusTag = (s: PlanItemStatus) => ({
  text: s.charAt(0).toUpperCase() + s.slice(1),
  classes: STATUS_TAGS[s] ?? 'govuk-tag--grey',
});

export const agencyWords = (code: string | null) => (code === null ? 'no agency' : code.replaceAll('_', ' '));

const KIND_WORDS: Record<string, string> = {
  strategy: 'Strategy',
  'action-plan': 'Action plan',
  recommendations: 'Recommendations',
  'vru-return': 'VRU action-plan return',
};
export const kindWords = (k: string) => KIND_WORDS[k] ?? k;

/** The first paragraph, cut at a word near `max` characters: what a table row shows of a long wording. */
export function firstLines(wording: string, max = 200): string {
  const first = wording.split(/\n\s*\n/)[0]?.trim() ?? '';
  if (first.length <= max && first.length === wording.trim().length) return first;
  const cut =
    first.length <= max ? first : first.slice(0, first.lastIndexOf(' ', max) > 0 ? first.lastIndexOf(' ', max) : max);
  return `${cut} …`;
}

const forbiddenBecause = (rule: string) =>
  new HttpError(403, 'FORBIDDEN', rule.charAt(0).toUpperCase() + rule.slice(1));

/** Allowed, or the 403 page naming the rule. */
export function requirePlanRule(actor: Actor, action: PlanAction, item?: PlanItemOwner): void {
  const refusal = planRefusal(actor, action, item);
  if (refusal !== null) throw forbiddenBecause(refusal);
}

/** A store error as a form problem (field and message), or the HTTP error its page shows. */
export function problemOf(error: unknown): { field: string; message: string } {
  if (error instanceof PlanRefusedError) throw new HttpError(403, 'FORBIDDEN', error.message);
  if (error instanceof EvidenceError) return { field: error.field, message: sentence(error.message) };
  if (error instanceof PlanChangeError) {
    if (error.field === null) throw notFound('Plan item');
    return { field: error.field, message: sentence(error.message) };
  }
  throw error;
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Day, month and year fields as 'YYYY-MM-DD'; '' when all three are empty, null when they cannot be a date. */
export function dateOf(body: Record<string, unknown>, prefix: string): string | null {
  const part = (k: string) => String(body[`${prefix}-${k}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (d === '' && m === '' && y === '') return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A 'YYYY-MM-DD' date as the date input's three values. */
export const datePartsOf = (iso: string | null) => {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
};

export const today = (now: Date) => now.toISOString().slice(0, 10);
