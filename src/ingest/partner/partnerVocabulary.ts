/**
 * The coded values of the two partner extract formats
 * (docs/formats/partner-police-extract.md, ae-istv-extract.md). Shared by the
 * importers, which refuse anything else, and by the synthetic generator.
 * Values are lower-case codes; importers accept any case.
 */
export const DATA_LABELS = ['SYNTHETIC', 'OFFICIAL-SENSITIVE'] as const;

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** The five broad Census 2021 ethnic groups, and not stated. */
export const ETHNICITIES = ['asian', 'black', 'mixed', 'white', 'other', 'not_stated'] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

export const HATE_STRANDS = [
  'race',
  'religion',
  'sexual_orientation',
  'disability',
  'transgender',
  'multiple',
] as const;
export type HateStrand = (typeof HATE_STRANDS)[number];

export const POLICE_LOCATION_TYPES = [
  'dwelling',
  'street',
  'licensed_premises',
  'retail',
  'school_college',
  'public_transport',
  'park_open_space',
  'commercial',
  'vehicle',
  'online',
  'other',
] as const;
export type PoliceLocationType = (typeof POLICE_LOCATION_TYPES)[number];

/** Home Office outcome types, grouped; `sanction` ones count as sanction detections. */
export const OUTCOMES = {
  charge_summons: { sanction: true, label: 'Charge/summons (HO outcome 1)' },
  caution: { sanction: true, label: 'Caution, youth or adult (HO outcome 2, 3)' },
  taken_into_consideration: { sanction: true, label: 'Taken into consideration (HO outcome 4)' },
  penalty_notice: { sanction: true, label: 'Penalty notice for disorder (HO outcome 6)' },
  drugs_warning: { sanction: true, label: 'Cannabis/khat warning (HO outcome 7)' },
  community_resolution: { sanction: false, label: 'Community resolution (HO outcome 8)' },
  not_in_public_interest: {
    sanction: false,
    label: 'Prosecution prevented or not in the public interest (HO outcomes 5, 9–13)',
  },
  evidential_difficulties_victim_not_supporting: {
    sanction: false,
    label: 'Evidential difficulties: victim does not support action (HO outcomes 14, 16)',
  },
  evidential_difficulties: {
    sanction: false,
    label: 'Evidential difficulties: suspect identified, victim supports (HO outcome 15)',
  },
  no_suspect: { sanction: false, label: 'Investigation complete, no suspect identified (HO outcome 18)' },
  under_investigation: { sanction: false, label: 'Not yet assigned an outcome' },
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as Outcome[];

/** ISTV ASSAULT METHOD, grouped into the categories partnerships report. */
export const ASSAULT_METHODS = ['body_part', 'blunt_object', 'knife_sharp', 'firearm', 'other', 'unknown'] as const;
export type AssaultMethod = (typeof ASSAULT_METHODS)[number];

/** ISTV ASSAULT LOCATION TYPE, grouped. */
export const ASSAULT_LOCATION_TYPES = [
  'home',
  'street',
  'pub_club',
  'school_college',
  'workplace',
  'public_transport',
  'other',
  'unknown',
] as const;
export type AssaultLocationType = (typeof ASSAULT_LOCATION_TYPES)[number];

export const AGE_BANDS = [
  '0-9',
  '10-14',
  '15-17',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65+',
  'unknown',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The A&E age band a whole age falls in. */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null) return 'unknown';
  if (age < 10) return '0-9';
  if (age < 15) return '10-14';
  if (age < 18) return '15-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

/** Columns of the police extract, in the order Safer writes them. */
export const POLICE_COLUMNS = [
  'record_id',
  'crime_ref',
  'data_label',
  'offence_date',
  'offence_time',
  'committed_from',
  'committed_to',
  'recorded_date',
  'borough_code',
  'ward_code',
  'lsoa_code',
  'ho_major_category',
  'ho_minor_category',
  'domestic_abuse',
  'knife',
  'firearm',
  'hate',
  'hate_strand',
  'sexual',
  'victim_id',
  'victim_age',
  'victim_sex',
  'victim_ethnicity',
  'suspect_id',
  'suspect_age',
  'suspect_sex',
  'suspect_ethnicity',
  'location_type',
  'outcome',
  'outcome_date',
] as const;

/** Columns of the A&E ISTV extract, in the order Safer writes them. */
export const AE_COLUMNS = [
  'attendance_id',
  'data_label',
  'site_code',
  'arrival_date',
  'arrival_time',
  'assault_date',
  'assault_time',
  'assault_method',
  'assault_method_other',
  'location_type',
  'location_description',
  'patient_age_band',
  'patient_sex',
] as const;
