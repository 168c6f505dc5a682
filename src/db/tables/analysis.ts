import type { ColumnType } from 'kysely';

/**
 * Pre-aggregated counts (migrations 0007_analysis, 0009_definition_counts and 0011_partner_aggregate_month). Each row belongs to a
 * revision slice; read current rows by joining count_slice with
 * superseded_by IS NULL, exactly as for the raw records they summarise.
 * Filled by src/analysis/aggregates/refreshAggregatesForBatch.ts.
 */

/** Partner age bands: 'none' when there is no victim (suspect), 'unknown' when the age is blank. */
export type AggregateAgeBand =
  | '0'
  | '1-9'
  | '10-14'
  | '15-17'
  | '18-24'
  | '25-34'
  | '35-44'
  | '45-54'
  | '55-64'
  | '65+'
  | 'unknown'
  | 'none';

/** police.uk street crimes per slice, category and anonymised map point. */
export interface AggPoliceUkStreetTable {
  slice_id: number;
  category_id: number;
  lsoa_code: string | null;
  longitude: number | null;
  latitude: number | null;
  n: number;
}

/** police.uk stop-and-search per slice and subject/outcome; ethnic_group is the self-defined broad group. */
export interface AggStopSearchTable {
  slice_id: number;
  lsoa21_code: string | null;
  gender: string;
  age_range: string;
  ethnic_group: string;
  officer_ethnic_group: string;
  object_of_search: string;
  outcome: string;
  outcome_linked: boolean | null;
  n: number;
}

interface PartnerFlags {
  domestic_abuse: boolean;
  knife: boolean;
  firearm: boolean;
  hate: boolean;
  sexual: boolean;
}

/** Partner police records (offence × victim) by category, flags and victim/suspect profile. */
export interface AggPartnerPoliceTable extends PartnerFlags {
  slice_id: number;
  borough_code: string;
  /** The slice's month, copied so a borough's rows of a period are found by index (migration 0011). */
  month: string;
  category_id: number;
  victim_band: AggregateAgeBand;
  suspect_band: AggregateAgeBand;
  victim_sex: string;
  victim_ethnicity: string;
  suspect_sex: string;
  suspect_ethnicity: string;
  /** The outcome is a sanction detection (charge/summons, caution, TIC, PND, drugs warning). */
  sanction: boolean;
  /** Records (offence × victim rows). */
  n_records: number;
  /** Offences (distinct crime references). */
  n_offences: number;
}

/** Partner police records by category, flags and age bands only (no sex or ethnicity): the table most figures read. */
export interface AggPartnerPoliceCoreTable extends PartnerFlags {
  slice_id: number;
  borough_code: string;
  /** The slice's month, copied so a borough's rows of a period are found by index (migration 0011). */
  month: string;
  category_id: number;
  victim_band: AggregateAgeBand;
  suspect_band: AggregateAgeBand;
  sanction: boolean;
  n_records: number;
  n_offences: number;
}

/** Partner police records by ISO weekday (1 = Monday) and hour; window_date set for weekday 15:00–17:59 offences. */
export interface AggPartnerPoliceTimeTable extends PartnerFlags {
  slice_id: number;
  borough_code: string;
  /** The slice's month, copied so a borough's rows of a period are found by index (migration 0011). */
  month: string;
  category_id: number;
  victim_band: AggregateAgeBand;
  suspect_band: AggregateAgeBand;
  weekday: number;
  hour: number | null;
  window_date: string | null;
  n_records: number;
  n_offences: number;
}

/** Partner police records by LSOA, for maps. */
export interface AggPartnerPoliceLsoaTable extends PartnerFlags {
  slice_id: number;
  borough_code: string;
  /** The slice's month, copied so a borough's rows of a period are found by index (migration 0011). */
  month: string;
  category_id: number;
  lsoa_code: string | null;
  victim_band: AggregateAgeBand;
  suspect_band: AggregateAgeBand;
  n_records: number;
  n_offences: number;
}

/** Records per pseudonymous person and role: repeat victimisation and victim–suspect overlap. */
export interface AggPartnerPersonTable {
  slice_id: number;
  borough_code: string;
  /** The slice's month, copied so a borough's rows of a period are found by index (migration 0011). */
  month: string;
  role: 'victim' | 'suspect';
  person_id: string;
  category_id: number;
  domestic_abuse: boolean;
  knife: boolean;
  age_band: AggregateAgeBand;
  n: number;
}

/** A definition whose partner counts are filled: the key hashes its compiled filter (src/analysis/aggregates/definitionCounts.ts). */
export interface AggDefinitionKeyTable {
  definition_key: string;
  definition_id: string;
  version: number;
  filled_at: ColumnType<Date | string, string | undefined, never>;
}

/** Partner police records and offences per slice, borough and definition key. */
export interface AggPartnerDefinitionTable {
  slice_id: number;
  definition_key: string;
  borough_code: string;
  /** The slice's month, copied so a borough's rows of a period are found by index (migration 0011). */
  month: string;
  n_records: number;
  n_offences: number;
}

export interface AnalysisTables {
  agg_definition_key: AggDefinitionKeyTable;
  agg_partner_definition: AggPartnerDefinitionTable;
  agg_police_uk_street: AggPoliceUkStreetTable;
  agg_stop_search: AggStopSearchTable;
  agg_partner_police: AggPartnerPoliceTable;
  agg_partner_police_core: AggPartnerPoliceCoreTable;
  agg_partner_police_time: AggPartnerPoliceTimeTable;
  agg_partner_police_lsoa: AggPartnerPoliceLsoaTable;
  agg_partner_person: AggPartnerPersonTable;
}
