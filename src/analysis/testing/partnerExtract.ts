import { POLICE_COLUMNS } from '../../ingest/partner/partnerVocabulary.ts';

/** One row of a hand-made SYNTHETIC partner police extract; columns left out take PARTNER_BASE's values or stay blank. */
export type PartnerRow = Partial<Record<(typeof POLICE_COLUMNS)[number], string>>;

/** One Tower Hamlets ward and LSOA, no flags, street, under investigation. */
export const PARTNER_BASE: PartnerRow = {
  data_label: 'SYNTHETIC',
  recorded_date: '2023-05-31',
  borough_code: 'E09000030',
  ward_code: 'E05009317',
  lsoa_code: 'E01004290',
  domestic_abuse: 'N',
  knife: 'N',
  firearm: 'N',
  hate: 'N',
  sexual: 'N',
  location_type: 'street',
  outcome: 'under_investigation',
};

/** The date and time columns of an offence at `time` ('' when unknown) on `date`. */
export const at = (date: string, time: string): PartnerRow => ({
  offence_date: date,
  offence_time: time,
  committed_from: `${date} ${time || '00:00'}`,
  committed_to: `${date} ${time || '23:59'}`,
});

/** The extract as CSV text (test rows contain no commas or quotes). */
export function partnerCsv(rows: readonly PartnerRow[]): string {
  return `${[POLICE_COLUMNS.join(','), ...rows.map((r) => ({ ...PARTNER_BASE, ...r })).map((r) => POLICE_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n')}\n`;
}
