/** A refusal or failure of the performance framework, typed so pages, API and CLI can say it their own way. */
export type PerformanceErrorCode = 'VALIDATION' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export interface FieldProblem {
  /** Which indicator (in a return) and which field; `line` and `column` for an uploaded file. */
  indicatorId?: string;
  field: string;
  message: string;
  line?: number;
  column?: string;
  needsConfirmation?: boolean;
}

export class PerformanceError extends Error {
  constructor(
    readonly code: PerformanceErrorCode,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'PerformanceError';
  }
}

/** HTTP status for each code: the pages and the API map the same way. */
export const PERFORMANCE_STATUS: Record<PerformanceErrorCode, number> = {
  VALIDATION: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};
