import type { Generated } from 'kysely';

/**
 * data.police.uk records (migration 0002_police_uk). Every row belongs to a
 * revision slice; read current rows by joining count_slice with
 * superseded_by IS NULL.
 */

/** One street-level crime from a police.uk CSV (series police-uk-street) or the API JSON (series police-uk-api). */
export interface PoliceUkStreetTable {
  slice_id: number;
  /** NULL when the publisher left it blank (anti-social behaviour, older months). */
  crime_id: string | null;
  /** 'YYYY-MM-01'. */
  month: string;
  /** police_uk_label ids (migration 0013) of the force that reported it and the force area it falls within. */
  reported_by_id: number;
  falls_within_id: number;
  longitude: number | null;
  latitude: number | null;
  /** The anonymised map point, e.g. "On or near Roman Road". */
  location: string;
  lsoa_code: string | null;
  lsoa_name: string;
  /** offence_category with classification 'police_uk', major = the crime type. */
  category_id: number;
  /** police_uk_label id of the last outcome category ('' for anti-social behaviour). */
  last_outcome_id: number;
  context: string;
  /** API JSON only: the API's numeric id, location type (Force/BTP), subtype, street id and outcome month. */
  api_id: number | null;
  location_type: string | null;
  location_subtype: string | null;
  street_id: number | null;
  last_outcome_month: string | null;
}

/** One row of a police.uk outcomes file: a crime may have several outcomes over time. */
export interface PoliceUkOutcomeTable {
  slice_id: number;
  crime_id: string | null;
  month: string;
  reported_by: string;
  falls_within: string;
  longitude: number | null;
  latitude: number | null;
  location: string;
  lsoa_code: string | null;
  lsoa_name: string;
  outcome_type: string;
}

/** One stop-and-search record. The file does not name the force: see src/ingest/policeUk/stopSearchLayout.ts. */
export interface PoliceUkStopSearchTable {
  slice_id: number;
  force: string;
  search_type: string;
  searched_at: Date | string;
  month: string;
  part_of_policing_operation: boolean | null;
  policing_operation: string;
  latitude: number | null;
  longitude: number | null;
  gender: string;
  age_range: string;
  self_defined_ethnicity: string;
  officer_defined_ethnicity: string;
  legislation: string;
  object_of_search: string;
  outcome: string;
  outcome_linked_to_object: boolean | null;
  removal_of_outer_clothing: boolean | null;
  /** The added column "Source file month" of the extended files; NULL when absent. */
  source_file_month: string | null;
  /** LSOA 2021 by point-in-polygon (added columns); NULL when absent or blank. */
  lsoa21_code: string | null;
  lsoa21_name: string | null;
}

/** A text repeated on many street records (force names, outcome categories), stored once (migration 0013). */
export interface PoliceUkLabelTable {
  id: Generated<number>;
  label: string;
}

export interface PoliceUkTables {
  police_uk_label: PoliceUkLabelTable;
  police_uk_street: PoliceUkStreetTable;
  police_uk_outcome: PoliceUkOutcomeTable;
  police_uk_stop_search: PoliceUkStopSearchTable;
}
