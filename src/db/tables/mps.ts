/**
 * MPS London Datastore series beyond the wide monthly counts (migration
 * 0003_mps). Every row belongs to a revision slice (count_slice): the slice
 * carries the area (borough code, or E23000001 for MPS-wide sheets), the month
 * and the scope (the publisher's sheet). Read current rows by joining
 * count_slice with superseded_by IS NULL. Blank publisher cells are NULL.
 */

/** VAWG offence counts (series mps-vawg-offences): month = recorded month, scope = sheet. */
export interface MpsVawgOffenceCountTable {
  slice_id: number;
  /** Basic command unit, e.g. 'Central East'. */
  bcu: string | null;
  /** As the publisher names it (no code is given); 'N/K' when not known. */
  ward_name: string | null;
  /** Month the offence was committed ('YYYY-MM-01'); historic offences go back to 1900. */
  committed_month: string | null;
  crimsec_group: string | null;
  crimsec_code_expansion: string | null;
  crimsec_offence: string | null;
  vawg_offence: string | null;
  value: number;
}

/** VAWG victim counts (series mps-vawg-victims): month = recorded month, scope = sheet. */
export interface MpsVawgVictimCountTable {
  slice_id: number;
  bcu: string | null;
  ward_name: string | null;
  committed_month: string | null;
  age_group: string | null;
  ethnic_group: string | null;
  value: number;
}

/** People proceeded against for homicide (series mps-homicide): area = borough, month = proceedings month. */
export interface MpsHomicideAccusedTable {
  slice_id: number;
  /** The publisher's count_of_ppa: 1 on every row of the real file. */
  persons: number;
  sex: string;
  age_group: string;
  ethnicity: string;
  offence_type: string;
  /** charged_summonsed: 'Charge or Summons', 'Accused is Deceased', … */
  proceedings_outcome: string;
}

/** Custody disposals, MPS-wide (series mps-custody): area = E23000001, month = disposal month, scope = sheet. */
export interface MpsCustodyDisposalTable {
  slice_id: number;
  sex: string;
  age_group: string;
  ethnicity: string;
  offence_group: string;
  disposal: string;
  value: number;
}

/**
 * One more thorough search (series mps-thorough-searches): area = borough,
 * month = stop month, scope = the publication it came from (the spelling of
 * its outcome column). Count through the view mps_thorough_search_current,
 * which keeps only the latest publication for each month.
 */
export interface MpsThoroughSearchTable {
  slice_id: number;
  /** The publisher's col_0 (a row reference in the newest publication). */
  source_ref: string | null;
  stop_date: string;
  bcu: string | null;
  borough_name: string | null;
  age_group: string;
  sex: string;
  ethnic_appearance: string;
  stop_reason: string;
  appropriate_adult_present: boolean | null;
  positive_outcome: boolean | null;
  outcome_reason: string | null;
}

/** View: the searches that count, one publication per month (the one with the latest extract date). Read-only. */
export interface MpsThoroughSearchCurrentView extends MpsThoroughSearchTable {
  area_code: string;
  month: string;
  /** The slice scope: which publication (outcome column spelling) the row came from. */
  publication: string;
}

export interface MpsTables {
  mps_vawg_offence_count: MpsVawgOffenceCountTable;
  mps_vawg_victim_count: MpsVawgVictimCountTable;
  mps_homicide_accused: MpsHomicideAccusedTable;
  mps_custody_disposal: MpsCustodyDisposalTable;
  mps_thorough_search: MpsThoroughSearchTable;
  mps_thorough_search_current: MpsThoroughSearchCurrentView;
}
