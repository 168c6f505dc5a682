/** Why a link was refused; the message says what to do instead. */
export type LineageErrorCode =
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_REF'
  | 'KINDS'
  | 'SELF'
  | 'DUPLICATE'
  | 'CYCLE'
  | 'REASON'
  | 'REMOVED';

export class LineageError extends Error {
  constructor(
    readonly code: LineageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LineageError';
  }
}
