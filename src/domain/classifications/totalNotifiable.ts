/**
 * Total notifiable offences (TNO): the headline measure of the MPS tables and
 * of a partnership's performance pack. Every row of an MPS borough, ward or LSOA
 * file is a notifiable offence, so TNO is the sum of every category of the
 * file's classification. It is never stored: a figure adds up the categories of
 * the same revision slices as any other category, so a later extract revises
 * TNO exactly as it revises its parts, and "as of" reads the same slices.
 *
 * Each MPS classification carries a TNO catalogue entry (migration 0014) so
 * `--category`, the explorer and definitions find it by name; selection.ts
 * expands that entry into every other category of the classification.
 * police.uk crime types (which include anti-social behaviour, not notifiable)
 * and the MPS dashboard's knife crime types have no TNO.
 */
export const TOTAL_NOTIFIABLE_MAJOR = {
  mps_old: 'Total Notifiable Offences',
  ho_aligned: 'TOTAL NOTIFIABLE OFFENCES',
} as const;

export type TotalNotifiableClassification = keyof typeof TOTAL_NOTIFIABLE_MAJOR;

/** Other names people ask for TNO by (lower case): the abbreviation the MPS tables use. */
export const TOTAL_NOTIFIABLE_ALIASES: ReadonlySet<string> = new Set(['tno']);

/** Whether a category reference of a classification names its TNO entry (any case, whole major). */
export function isTotalNotifiable(classification: string, ref: { major: string; minor?: string }): boolean {
  if (!(classification in TOTAL_NOTIFIABLE_MAJOR)) return false;
  if (ref.minor !== undefined && ref.minor.trim() !== '') return false;
  return (
    ref.major.trim().replace(/\s+/g, ' ').toUpperCase() ===
    TOTAL_NOTIFIABLE_MAJOR[classification as TotalNotifiableClassification].toUpperCase()
  );
}
