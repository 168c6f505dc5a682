/**
 * The MPS published two offence classifications. Major categories that exist
 * only in the old Major/Minor one tell a file's classification apart; the
 * shared ones (Burglary, Robbery, Sexual Offences, Violence Against the Person)
 * cannot, so the decision is made once per file.
 */
const OLD_ONLY_MAJORS = new Set([
  'THEFT AND HANDLING',
  'CRIMINAL DAMAGE',
  'DRUGS',
  'FRAUD OR FORGERY',
  'OTHER NOTIFIABLE OFFENCES',
]);

export type MpsClassification = 'mps_old' | 'ho_aligned';

export function classifyMajors(majors: Iterable<string>): MpsClassification {
  for (const major of majors) if (OLD_ONLY_MAJORS.has(major.trim().toUpperCase())) return 'mps_old';
  return 'ho_aligned';
}
