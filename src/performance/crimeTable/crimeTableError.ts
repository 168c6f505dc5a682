/** Why a crime table cannot be built; `code` lets a page or the CLI choose its answer, `message` is what people read. */
export type CrimeTableErrorCode = 'UNKNOWN_AREA' | 'UNSUPPORTED_AREA' | 'NO_DATA' | 'UNKNOWN_CATEGORY' | 'INVALID';

export class CrimeTableError extends Error {
  constructor(
    readonly code: CrimeTableErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CrimeTableError';
  }
}
