/** Why a governance change was refused; nothing was written. */
export type GovernanceErrorCode = 'FORBIDDEN' | 'INVALID' | 'NOT_FOUND';

/** A refusal with a message a person can act on ("only members of CSP Board can minute its meetings"). */
export class GovernanceError extends Error {
  constructor(
    readonly code: GovernanceErrorCode,
    message: string,
    /** The form field the problem is about, when there is one, so a page can point at it. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GovernanceError';
  }
}

export const refuse = (message: string): GovernanceError => new GovernanceError('FORBIDDEN', message);
export const invalid = (message: string, field?: string): GovernanceError =>
  new GovernanceError('INVALID', message, field);
export const missing = (message: string): GovernanceError => new GovernanceError('NOT_FOUND', message);
