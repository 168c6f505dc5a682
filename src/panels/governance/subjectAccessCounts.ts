import type { SubjectAccessRecord } from './subjectAccess.ts';

/*
 * How much a subject access record holds, in words ("1 referral, 2 cases"), one way for the PDF's summary and the
 * `safer sar export` line, so neither says "1 referrals".
 */

/** "0 cases", "1 case", "2 cases"; `many` for words whose plural is not a trailing s. */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

type Counted = Pick<SubjectAccessRecord, 'referrals' | 'screenings' | 'cases' | 'breakGlassReads' | 'auditTrail'>;

/** Every part of the record counted: "1 referral, 0 screenings, 1 case, 0 break-glass reads and 2 audit entries". */
export function subjectAccessCounts(record: Counted): string {
  return [
    `${countOf(record.referrals.length, 'referral')}, ${countOf(record.screenings.length, 'screening')}`,
    `, ${countOf(record.cases.length, 'case')}, ${countOf(record.breakGlassReads.length, 'break-glass read')}`,
    ` and ${countOf(record.auditTrail.length, 'audit entry', 'audit entries')}`,
  ].join('');
}
