/*
 * Errors of panel and case work. A `CaseWorkError` names the field at fault and is shown beside it; a
 * `CaseRefusedError` is "not found" to the person (never a 403: a refusal must not confirm that a case exists).
 */

export class CaseWorkError extends Error {
  override name = 'CaseWorkError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
  /** The message without the field name, as a sentence, for a message beside the field. */
  get text(): string {
    const text = this.message.slice(this.field.length + 2);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
}

export class CaseRefusedError extends Error {
  override name = 'CaseRefusedError';
  constructor(what = 'case') {
    super(`${what}: not found`);
  }
}

/** Today's date (UTC) as 'YYYY-MM-DD'. */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

/** The person may read the case but not make this change (a referrer, or a member who is not the chair). */
export class CaseChangeRefusedError extends Error {
  override name = 'CaseChangeRefusedError';
}
