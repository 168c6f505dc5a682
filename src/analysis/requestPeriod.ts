import { parsePeriod, PeriodParseError } from '../domain/periods/parsePeriod.ts';
import type { Period } from '../domain/periods/period.ts';
import { AnalysisError } from './figure.ts';

/** The period a request names, or an INVALID analysis error in the words the parser gave. */
export function periodOf(label: string): Period {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodParseError) throw new AnalysisError('INVALID', error.message);
    throw error;
  }
}
