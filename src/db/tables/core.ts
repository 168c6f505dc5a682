import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written by the database and read back as Date. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type Classification = 'public' | 'partnership' | 'restricted' | 'personal';

/** One file (or one file of a folder) brought into Safer. Every stored row points at one. */
export interface ImportBatchTable {
  id: Generated<number>;
  file_name: string;
  file_path: string;
  sha256: string;
  layout: string;
  /** The series the batch belongs to, e.g. `mps-borough`; later extracts of a series supersede earlier ones. */
  series: string;
  /** When the publisher extracted the data ('YYYY-MM-DD'); decides which of two overlapping extracts is current. */
  extract_date: string;
  imported_by: string;
  imported_at: CreatedAt;
  status: ColumnType<'imported' | 'undone', 'imported' | 'undone' | undefined>;
  rows_read: Generated<number>;
  rows_imported: Generated<number>;
  rows_unchanged: Generated<number>;
  rows_replaced: Generated<number>;
  /** Classification of the data in this batch (information governance). */
  classification: ColumnType<Classification, Classification | undefined>;
  owning_agency: Generated<string>;
  notes: string | null;
  /** Months left out as partial (migration 0015); written as JSON text, read back parsed; null when none. */
  partial_months: ColumnType<PartialMonth[] | null, string | null | undefined, string | null>;
}

/** A first or last month an import left out because it was far below the file's typical month (partialEdgeMonths.ts). */
export interface PartialMonth {
  /** 'YYYY-MM'. */
  month: string;
  /** What the file held for it, over every area and category in the file. */
  offences: number;
  /** The file's median month (same scope), which it fell short of. */
  medianMonth: number;
}

/** Any geography Safer counts things in: LSOA, ward, borough, region, police force area, or a pseudo-area. */
export interface AreaTable {
  code: string;
  name: string;
  type: 'lsoa' | 'ward' | 'borough' | 'region' | 'country' | 'police_force_area' | 'snt' | 'bcu' | 'pseudo';
  /** Boundary vintage: '2011', '2021' for LSOAs; '2014', '2018', '2022', '2025' for wards; '' when timeless. */
  vintage: Generated<string>;
  /** The area this one sits in for counting (LSOA → ward or borough, ward → borough), where known. */
  parent_code: ColumnType<string | null, string | null | undefined>;
  batch_id: ColumnType<number | null, number | null | undefined>;
}

/** A classification scheme's category: police.uk crime type, MPS major/minor (old or Home Office aligned), …. */
export interface OffenceCategoryTable {
  id: Generated<number>;
  classification: string;
  major: string;
  minor: Generated<string>;
  /** Upper-cased, whitespace-collapsed major|minor; how differently spelt headers find the same category. */
  match_key: string;
}

/** A known correspondence between categories of two classifications (e.g. police.uk "Robbery" ↔ MPS "ROBBERY"). */
export interface OffenceMappingTable {
  from_category_id: number;
  to_category_id: number;
  relation: 'equivalent' | 'broader' | 'narrower' | 'overlaps';
}

/**
 * The unit of revision: one series' data for one area, month and scope, as
 * delivered by one batch. A later extract's slice supersedes the earlier one,
 * which stays as history for "as of" questions.
 */
export interface CountSliceTable {
  id: Generated<number>;
  series: string;
  area_code: string;
  month: string;
  scope: Generated<string>;
  batch_id: number;
  extract_date: string;
  /** Hash of the slice's content: an identical later slice is "unchanged", not a replacement. */
  content_hash: string;
  row_count: number;
  superseded_by: number | null;
}

/** Monthly counts: area × month × category × measure, held in a slice. */
export interface CrimeCountTable {
  slice_id: number;
  category_id: number;
  measure: string;
  value: number;
}

/** Another name a publisher uses for an area (lower-cased). */
export interface AreaAliasTable {
  alias: string;
  code: string;
}

export interface CoreTables {
  import_batch: ImportBatchTable;
  area: AreaTable;
  area_alias: AreaAliasTable;
  offence_category: OffenceCategoryTable;
  offence_mapping: OffenceMappingTable;
  count_slice: CountSliceTable;
  crime_count: CrimeCountTable;
}
