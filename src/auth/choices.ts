import { ROLES, type Role } from './policy.ts';

/**
 * A value a command-line option accepts: the code Safer stores and the name
 * people see on pages ("local_authority" and "Local authority"). People type
 * what they read, so either is accepted.
 */
export interface Choice<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

/** Lower case, with each run of spaces, hyphens and underscores as one space: "Local-authority" reads as "local_authority". */
export function normaliseChoice(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/**
 * The code of the choice `input` names by its code or its label, ignoring case
 * and spaces/hyphens/underscores. A code wins over another choice's label;
 * undefined when nothing matches, or when labels of two choices do.
 */
export function matchChoice<C extends string>(input: string, choices: readonly Choice<C>[]): C | undefined {
  const wanted = normaliseChoice(input);
  if (wanted === '') return undefined;
  const byCode = choices.find((c) => normaliseChoice(c.code) === wanted);
  if (byCode) return byCode.code;
  const byLabel = new Set(choices.filter((c) => normaliseChoice(c.label) === wanted).map((c) => c.code));
  return byLabel.size === 1 ? [...byLabel][0] : undefined;
}

/** "code (Label), …" for an error message or help text, so either form can be copied. */
export function listChoices(choices: readonly Choice[]): string {
  return choices.map((c) => `${c.code} (${c.label})`).join(', ');
}

/** "partnership_manager" → "Partnership manager", as pages show roles (with the underscore as a space). */
export function roleLabel(role: Role): string {
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const ROLE_CHOICES: readonly Choice<Role>[] = ROLES.map((code) => ({ code, label: roleLabel(code) }));
