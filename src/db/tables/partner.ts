import type { ColumnType } from 'kysely';

/** 'SYNTHETIC' for generated data; 'OFFICIAL-SENSITIVE' for a real partner extract. */
export type DataLabel = 'SYNTHETIC' | 'OFFICIAL-SENSITIVE';

/**
 * A local (UK clock) date and time without zone, written as 'YYYY-MM-DD HH:MM'.
 * Drivers read it back as a Date; use SQL (to_char, extract) for clock values.
 */
type Timestamp = ColumnType<Date, string, string>;

/**
 * One offence × victim from a police partner extract
 * (docs/formats/partner-police-extract.md). Personal data, owned by the police.
 */
export interface PartnerPoliceRecordTable {
  slice_id: number;
  record_id: string;
  /** The offence reference: rows of one offence with several victims share it. */
  crime_ref: string;
  data_label: DataLabel;
  offence_date: string;
  /** 'HH:MM:SS'; null when the time is unknown. */
  offence_time: string | null;
  committed_from: Timestamp;
  committed_to: Timestamp;
  recorded_date: string;
  borough_code: string;
  ward_code: string;
  lsoa_code: string | null;
  /** Home Office aligned major/minor category (offence_category, classification 'ho_aligned'). */
  category_id: number;
  domestic_abuse: boolean;
  knife: boolean;
  firearm: boolean;
  /** Null when not a hate crime. */
  hate_strand: string | null;
  sexual: boolean;
  /** Pseudonymous person id; null when there is no personal victim. Shared with suspect_id for the same person. */
  victim_id: string | null;
  victim_age: number | null;
  victim_sex: string | null;
  victim_ethnicity: string | null;
  suspect_id: string | null;
  suspect_age: number | null;
  suspect_sex: string | null;
  suspect_ethnicity: string | null;
  location_type: string;
  outcome: string;
  outcome_date: string | null;
}

/** One assault attendance from an A&E ISTV extract (docs/formats/ae-istv-extract.md). Owned by health. */
export interface PartnerAeAttendanceTable {
  slice_id: number;
  attendance_id: string;
  data_label: DataLabel;
  /** ODS site code of the emergency department. */
  site_code: string;
  arrival: Timestamp;
  assault_date: string;
  assault_time: string | null;
  assault_method: string;
  assault_method_other: string | null;
  location_type: string;
  location_description: string | null;
  patient_age_band: string;
  patient_sex: string;
}

/** Record-level partner extracts (police and ISTV A&E). */
export interface PartnerTables {
  partner_police_record: PartnerPoliceRecordTable;
  partner_ae_attendance: PartnerAeAttendanceTable;
}
