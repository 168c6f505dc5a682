/*
 * Third-party details in a subject access record are MARKED, never removed: the data protection lead decides what to
 * redact before release (ICO guidance: information about other people is withheld unless they consent or it is
 * reasonable to disclose). A marked value carries why, so the decision can be checked.
 */

export interface Redactable<T> {
  value: T;
  redact: true;
  why: string;
}
export type Marked<T> = T | Redactable<T>;

export const mark = <T>(value: T, why: string): Redactable<T> => ({ value, redact: true, why });

export const isMarked = (v: unknown): v is Redactable<unknown> =>
  typeof v === 'object' && v !== null && (v as { redact?: unknown }).redact === true && 'value' in v;

/** A staff e-mail: marked when it belongs to another agency than the one releasing the record (all, when none). */
export function staffEmail(email: string, agency: string, releasingAgency: string | null): Marked<string> {
  return releasingAgency !== null && agency === releasingAgency
    ? email
    : mark(email, `staff member of another agency (${agency || 'none'})`);
}

/**
 * Free text that mentions a known third party (a linked person's given or family name, as a whole word) is marked
 * with the names found; other text is returned as it is. Names of two letters or fewer are not searched (noise).
 */
export function freeText(text: string | null, thirdPartyNames: readonly string[]): Marked<string> | null {
  if (text === null) return null;
  const found = thirdPartyNames.filter(
    (name) => name.length > 2 && new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i').test(text),
  );
  return found.length === 0 ? text : mark(text, `mentions a third party (${[...new Set(found)].join(', ')})`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
